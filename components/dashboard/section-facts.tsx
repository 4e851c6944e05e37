// Subject, grade and period of a section as friendly labels (LIG-11).
import { badge } from "@/components/ui/styles";
import { gradeLabel, subjectLabel } from "@/lib/clever";

export function SectionFacts({ subject, grade, period }: { subject: string | null; grade: string | null; period: string | null }) {
  return (
    <span className="flex flex-wrap gap-1.5">
      <span className={`${badge} bg-brand-100 text-brand-800 dark:bg-slate-800 dark:text-brand-100`} data-testid="subject-label">
        {subjectLabel(subject)}
      </span>
      <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-slate-800 dark:text-amber-100`} data-testid="grade-label">
        {gradeLabel(grade)}
      </span>
      {period ? <span className={`${badge} bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200`}>Period {period}</span> : null}
    </span>
  );
}
