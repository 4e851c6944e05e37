// A roster page's query string (?q=&sort=&page=), read one way for the
// teacher's and the administrators' roster pages.
import { searchChoice, searchParam, type SearchParams, searchText } from "@/lib/platform";
import { ROSTER_SORTS, type RosterSort } from "./queries";

export interface RosterOptions {
  query: string;
  sort: RosterSort;
  page: number;
}

export function rosterOptions(params: SearchParams): RosterOptions {
  return { query: searchText(params, "q"), sort: searchChoice(params, "sort", ROSTER_SORTS, "last"), page: pageNumber(params) };
}

/** ?page=N, at least 1 (anything else is the first page). */
export function pageNumber(params: SearchParams): number {
  return Math.max(1, Number.parseInt(searchParam(params, "page") ?? "", 10) || 1);
}
