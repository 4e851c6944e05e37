// LIB-R03 / LIB-R08: rosters come from Clever; nobody types a class code.
export function RostersNote() {
  return (
    <p data-testid="rosters-note" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      Your class rosters are imported automatically from Clever. Students are added to your classes for you: there is nothing to set
      up and nothing for students to type.
    </p>
  );
}
