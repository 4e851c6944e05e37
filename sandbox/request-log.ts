// Requests made with each user's bearer tokens and each district's
// district-app token, in order, so a test can prove its app called nothing
// undocumented. Control calls are never logged.

export interface LoggedRequest {
  method: string;
  /** The stats key, IDs templated: "GET /v2.0/teachers/{id}". */
  endpoint: string;
  /** Pathname and query as sent. */
  path: string;
  status: number;
}

export class RequestLog {
  private readonly byUser = new Map<string, LoggedRequest[]>();
  private readonly byDistrict = new Map<string, LoggedRequest[]>();

  record(owner: { user: string } | { district: string }, entry: LoggedRequest): void {
    const [map, key] = "user" in owner ? [this.byUser, owner.user] : [this.byDistrict, owner.district];
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  }

  forUser(user: string): LoggedRequest[] {
    return [...(this.byUser.get(user) ?? [])];
  }

  forDistrict(district: string): LoggedRequest[] {
    return [...(this.byDistrict.get(district) ?? [])];
  }

  /** One user's or one district's requests, or (neither) everyone's. */
  clear(owner: { user?: string; district?: string } = {}): void {
    if (owner.user !== undefined) this.byUser.delete(owner.user);
    else if (owner.district !== undefined) this.byDistrict.delete(owner.district);
    else {
      this.byUser.clear();
      this.byDistrict.clear();
    }
  }
}
