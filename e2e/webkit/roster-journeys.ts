// Safari-engine journeys for first logins and rosters: provisioning on
// demand, Sign Up with Clever and the Library's free trial, co-teachers, a
// student with several teachers, zero sections, and identity by Clever ID.
// They run once per window profile against the same database: a journey
// about a first login makes its own user in the local Clever; the others hold
// whether or not it is the user's first login.
import { fixtures } from "../../sandbox/fixtures";
import { assert, click, isShown, literal, pageText, waitForPath, waitForText, type Journey } from "./harness";
import { freshTeacher, instantLogin, logInWithClever, rows, signedInUserId, waitForSignedInAs } from "./steps";

export const rosterJourneys: Journey[] = [
  {
    title:
      "[LIG-07][LIB-02][LIG-01][LIB-03][SYNC-01][SYNC-02][LIB-07] Sign Up with Clever: a Library teacher's first login asks about an existing account, on a free trial",
    async run(context) {
      const { browser, stack } = context;
      // Made for this journey: earlier suites have logged every fixture teacher in.
      const teacher = await freshTeacher(stack, "Noor", "Haddad", { district: false, sections: ["Noor's Reading Group"] });
      const before = await rows<{ id: string }>(stack, `SELECT id FROM "User" WHERE "cleverId" = $1`, [teacher.id]);
      assert(before.length === 0, "the teacher has an account before her first login");
      await logInWithClever(context, teacher, { from: "/signup", land: false });
      await waitForPath(browser, "/onboarding");
      // Merge an existing account or create one (SYNC-02, LIB-07), signed in already.
      await waitForText(browser, /Do you already have an account\?/);
      assert(await isShown(browser, /^Yes, sign in to my account$/i), "no way to link an existing account");
      assert(await isShown(browser, /^No, create a new one$/i), "no way to create a new account");
      await waitForSignedInAs(browser, teacher.name);
      const text = await pageText(browser);
      assert(/Clever Library/.test(text) && /Free trial until/.test(text), `the banner does not show the Library's free trial: "${text.slice(0, 300)}"`);
      const [user] = await rows<{ role: string; authorizedBy: string; trial: boolean }>(
        stack,
        `SELECT role::text, "authorizedBy"::text AS "authorizedBy", "trialEndsAt" IS NOT NULL AS trial FROM "User" WHERE "cleverId" = $1`,
        [teacher.id],
      );
      assert(user?.role === "teacher" && user.authorizedBy === "teacher" && user.trial, `provisioned as ${JSON.stringify(user)}`);
    },
  },
  {
    title: "[DSSO-T1][LIG-01][LIG-03][DSSO-02][LIB-04][LIG-05] Instant Login for a district co-teacher: the shared class, once, with the other co-teachers",
    async run(context) {
      const { browser, stack } = context;
      const [me, ...others] = [fixtures.coTeacherA, fixtures.coTeacherB, fixtures.coTeacherC];
      const section = fixtures.sectionCoTaught;
      await instantLogin(context, me);
      await waitForSignedInAs(browser, me.name);
      const text = await waitForText(browser, new RegExp(literal(section.name)));
      assert(text.split(section.name).length - 1 === 1, `"${section.name}" is listed more than once`);
      for (const other of others) assert(text.includes(other.name), `co-teacher ${other.name} is not shown`);
      // Records are keyed by Clever's IDs (LIG-05): the section is Clever's, taught by all three.
      const teachers = await rows<{ cleverId: string }>(
        stack,
        `SELECT u."cleverId" FROM "SectionTeacher" t JOIN "User" u ON u.id = t."teacherId" WHERE t."sectionId" = $1 AND t."archivedAt" IS NULL`,
        [section.id],
      );
      const ids = teachers.map((t) => t.cleverId);
      assert(ids.includes(me.id), `the section ${section.id} is not stored under Clever's ID with this teacher (${ids.join(", ")})`);
    },
  },
  {
    title: "[LIG-02][LIB-08][LIB-06][DSSO-04][LIB-02] A Library student is provisioned at first login and sees both teachers; the next login finds the same account",
    async run(context) {
      const { browser, stack } = context;
      const student = fixtures.libraryStudent;
      // The app's own IDs, not row counts: the Clever ID is unique anyway, so
      // only these show the second login found the same user and classes.
      const sectionIds = async (userId: string) =>
        (await rows<{ sectionId: string }>(stack, `SELECT "sectionId" FROM "Enrollment" WHERE "studentId" = $1 ORDER BY "sectionId"`, [userId])).map((r) => r.sectionId).join(",");
      await instantLogin(context, student);
      await waitForSignedInAs(browser, student.name);
      const text = await waitForText(browser, new RegExp(literal(fixtures.libraryTeacher2.name)));
      assert(text.includes(fixtures.libraryTeacher.name), `teacher ${fixtures.libraryTeacher.name} is not shown`);
      const first = await signedInUserId(context);
      const firstSections = await sectionIds(first);
      assert(firstSections.split(",").length >= 2, `the student is enrolled in ${firstSections || "no section"}, not one per teacher`);
      // Again, the other way in: Log in with Clever from the app's login page.
      await click(browser, "Log Out");
      await waitForPath(browser, "/logged-out");
      await logInWithClever(context, student);
      await waitForSignedInAs(browser, student.name);
      const second = await signedInUserId(context);
      assert(second === first, `the second login signed in user ${second}, not ${first}`);
      const secondSections = await sectionIds(second);
      assert(secondSections === firstSections, `the student's sections changed between logins: ${firstSections} → ${secondSections}`);
    },
  },
  {
    title: "[LIB-09] A teacher with zero sections sees what to do next",
    async run(context) {
      const { browser } = context;
      await instantLogin(context, fixtures.teacherZeroSections);
      await waitForSignedInAs(browser, fixtures.teacherZeroSections.name);
      await waitForText(browser, /No classes yet/);
      assert(await isShown(browser, /^Sync my classes$/i), "no Sync my classes button on the empty dashboard");
    },
  },
];
