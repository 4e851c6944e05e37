// A page's query string (searchParams) or a route handler's URL, read one
// way. A parameter is absent (undefined), empty (`?grade=`, "") or has a
// value; repeated, the first counts. Pages tell these apart here, never with
// a `?? ""` of their own: an absent filter is no filter.

export type SearchParams = Record<string, string | string[] | undefined>;

/** Longest text a search box passes on (the rest is dropped). */
export const SEARCH_TEXT_MAX = 100;

/** The parameter's first value; undefined only when it is absent. */
export function searchParam(params: SearchParams | URLSearchParams, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What was typed into a search box: "" when absent, at most SEARCH_TEXT_MAX characters. */
export function searchText(params: SearchParams | URLSearchParams, name: string): string {
  return (searchParam(params, name) ?? "").slice(0, SEARCH_TEXT_MAX);
}

/** One of `choices`, or `fallback` when the parameter is absent, empty or anything else. */
export function searchChoice<T extends string>(params: SearchParams | URLSearchParams, name: string, choices: readonly T[], fallback: T): T {
  const value = searchParam(params, name);
  return choices.find((choice) => choice === value) ?? fallback;
}
