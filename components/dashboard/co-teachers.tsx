// A section's co-teachers after its student count, on the dashboard and in
// the class chooser: " · Co-teachers: Ava Lee, Ben Ode", or nothing.
import { NameList } from "@/components/ui/name-list";

export function CoTeachers({ teachers }: { teachers: readonly { name: string }[] }) {
  if (teachers.length === 0) return null;
  return (
    <>
      {" · Co-teachers: "}
      <NameList names={teachers.map((t) => t.name)} />
    </>
  );
}
