// A class page's header: its name, facts, term and a line of counts. The
// teacher's class page (current or past) and the admin's read-only one share it.
import type { ReactNode } from "react";
import { hint } from "@/components/ui/styles";
import type { TermFacts } from "@/lib/roster";
import { TermLine } from "./school-year";
import { SectionFacts } from "./section-facts";

export function ClassHeader({ name, facts, term, children, factsTestId }: { name: string; facts?: { subject: string | null; grade: string | null; period: string | null }; term?: TermFacts | null; factsTestId?: string; children: ReactNode }) {
  return (
    <header className="flex flex-col gap-2">
      <h1 className="text-2xl font-bold break-words sm:text-3xl" dir="auto">
        {name}
      </h1>
      {facts ? <SectionFacts subject={facts.subject} grade={facts.grade} period={facts.period} /> : null}
      {term !== undefined ? <TermLine term={term} /> : null}
      <p className={hint} data-testid={factsTestId}>
        {children}
      </p>
    </header>
  );
}

/** "12 students · School name". */
export function StudentsAndSchool({ total, schoolName }: { total: number; schoolName: string | null }) {
  return (
    <>
      {total} {total === 1 ? "student" : "students"}
      {schoolName ? (
        <>
          {" · "}
          <span dir="auto">{schoolName}</span>
        </>
      ) : null}
    </>
  );
}
