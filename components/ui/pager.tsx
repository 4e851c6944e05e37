// "Previous page · Page 2 of 5 · Next page" under a paged list: plain links,
// so paging works without JavaScript. Nothing when there is one page.
import Link from "next/link";
import { button } from "./styles";

export function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={button.secondary} rel="prev">
          Previous page
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page" data-testid="page-status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={button.secondary} rel="next">
          Next page
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
