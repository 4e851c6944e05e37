// The student's view (LIB-05, LIB-08): their classes and all their teachers,
// in plain words. Presentational: the dashboard page reads the data
// (app/(app)/dashboard/views.tsx).
import { NameList } from "@/components/ui/name-list";
import { card, hint } from "@/components/ui/styles";
import type { User } from "@/lib/generated/prisma/client";
import type { StudentClass, StudentTeacher } from "@/lib/roster";
import { displayName } from "@/lib/people";
import { ImportingNotice } from "./importing-notice";
import { SectionFacts } from "./section-facts";

interface StudentDashboardProps {
  user: User;
  classes: StudentClass[];
  /** Each teacher once, with the classes they teach the student. */
  teachers: StudentTeacher[];
  /** The login's sync is still running (right after the first login, the classes come with it). */
  importing: boolean;
}

export function StudentDashboard({ user, classes, teachers, importing }: StudentDashboardProps) {
  return (
    <>
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold sm:text-3xl">
          Hi, <span dir="auto" className="break-words">{user.firstName ?? displayName(user)}</span>!
        </h1>
        <p className={hint}>Here are your classes and your teachers. Your teachers add you to classes in Clever, so there is nothing to join.</p>
      </header>

      {importing ? (
        <ImportingNotice className={card} />
      ) : null}
      {classes.length === 0 && !importing ? (
        <p className={card} data-testid="student-empty">
          You&apos;re not in any classes yet.{" "}
          {user.authorizedBy === "teacher"
            ? "Your teacher still has to set up Clever Classroom: when they add you to a class in Clever and sync, your classes show up here."
            : "Your classes have not been shared with this app yet: when your school shares them through Clever, they show up here."}
        </p>
      ) : classes.length === 0 ? null : (
        <>
          <section aria-labelledby="teachers-title" className="flex flex-col gap-3">
            <h2 id="teachers-title" className="text-xl font-semibold">
              Your teachers
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2" data-testid="teacher-list">
              {teachers.map(({ teacher, classes: names }) => (
                <li key={teacher.id} className={card}>
                  <p className="font-semibold break-words" dir="auto">
                    {teacher.name}
                  </p>
                  <p className={hint}>
                    Teaches you: <NameList names={names} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="my-classes-title" className="flex flex-col gap-3">
            <h2 id="my-classes-title" className="text-xl font-semibold">
              Your classes
            </h2>
            <ul className="flex flex-col gap-3" data-testid="student-classes">
              {classes.map((c) => (
                <li key={c.id} className={`${card} flex flex-col gap-1`}>
                  <p className="text-lg font-semibold break-words" dir="auto">
                    {c.name}
                  </p>
                  <SectionFacts subject={c.subject} grade={c.grade} period={c.period} />
                  <p className={hint}>
                    {c.teachers.length === 1 ? "Teacher: " : "Teachers: "}
                    <NameList names={c.teachers.map((t) => t.name)} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
