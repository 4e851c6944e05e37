// Who teaches a class, for administrators: "Teachers: Ava Lee, Ben Ode".
import { NameList } from "@/components/ui/name-list";

export function ClassTeachers({ teachers }: { teachers: readonly { name: string }[] }) {
  if (teachers.length === 0) return <>No teacher in Clever Classroom yet</>;
  return (
    <>
      {teachers.length === 1 ? "Teacher: " : "Teachers: "}
      <NameList names={teachers.map((t) => t.name)} />
    </>
  );
}
