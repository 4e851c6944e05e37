"use client";
// After a client-side navigation, focus moves to the new page's <main> (as a
// full page load would reset it), so keyboard and screen-reader users start
// at the new content instead of where the old page's button used to be.
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

export function RouteFocus({ targetId }: { targetId: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(targetId)?.focus();
  }, [pathname, search, targetId]);
  return null;
}
