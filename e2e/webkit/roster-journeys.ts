// Safari-engine journeys for first logins and rosters: provisioning on
// demand, Sign Up with Clever merging an existing password account and the
// Library's free trial, co-teachers, a student with several teachers, zero
// sections, and identity by Clever ID. They run once per window profile
// against the same database: a journey about a first login makes its own
// users in the local Clever (control API) for that run, and compares the
// app's user and section ids across logins; the others hold whether or not it
// is the user's first login.
import { randomBytes } from "node:crypto";
import { fixtures } from "../../sandbox/fixtures";
import { bannerUi, dashboardUi } from "../support/pages/locators";
import { assert, check, click, literal, pageText, waitForPath, waitForText, type Journey } from "./harness";
import { AccountLinkPage, Banner, ClassPage, DashboardPage, OnboardingPage, PasswordSignUpPage } from "./pages";
import { appUser, freshLibraryStudent, freshTeacher, instantLogin, logInWithClever, putSection, rows, sandboxControl, sectionsOf, signedInUserId, waitForSync } from "./steps";

const PASSWORD = "correct-horse-42";

export const rosterJourneys: Journey[] = [
  {
    title:
      "[LIG-07][LIB-02][LIG-01][LIB-03][SYNC-01][SYNC-02][LIB-07] Sign Up with Clever: a Library teacher's first login, on a free trial, merges her existing password account, which her next Clever login opens",
    async run(context) {
      const { browser, stack } = context;
      // Her existing account: email and password, with data of its own (a subject, a school).
      const tag = randomBytes(4).toString("hex");
      const email = `noor.${tag}@example.com`;
      const school = `Escuela Propia ${tag}`;
      await new PasswordSignUpPage(browser).create(stack.appUrl, { name: "Noor Password", email, password: PASSWORD, role: "Teacher" });
      const onboarding = new OnboardingPage(browser);
      await onboarding.waitFor();
      await check(browser, "Arts & music");
      // The picker searches as she types once its script runs.
      await onboarding.nameUnlistedSchool(school);
      await onboarding.submit();
      const passwordUser = await signedInUserId(context);
      await new Banner(browser).logOut();

      // Made for this journey: earlier suites have logged every fixture teacher in.
      const teacher = await freshTeacher(stack, "Noor", "Haddad", { district: false, sections: [] });
      const section = await putSection(stack, teacher, `Noor's Reading Group ${tag}`);
      assert((await appUser(stack, teacher.id)) === undefined, "the teacher has an account before her first login");
      await logInWithClever(context, teacher, { from: "/signup", land: false });
      await onboarding.waitFor();
      // Merge an existing account or create one (SYNC-02, LIB-07), signed in already.
      await onboarding.waitForQuestion();
      assert(await onboarding.canCreateNew(), "no way to create a new account");
      await new Banner(browser).waitForName(teacher.name);
      const text = await pageText(browser);
      assert(/Clever Library/.test(text) && /Free trial until/.test(text), `the banner does not show the Library's free trial: "${text.slice(0, 300)}"`);
      const [provisioned] = await rows<{ role: string; authorizedBy: string; trial: boolean }>(
        stack,
        `SELECT role::text, "authorizedBy"::text AS "authorizedBy", "trialEndsAt" IS NOT NULL AS trial FROM "User" WHERE "cleverId" = $1`,
        [teacher.id],
      );
      assert(provisioned?.role === "teacher" && provisioned.authorizedBy === "teacher" && provisioned.trial, `provisioned as ${JSON.stringify(provisioned)}`);
      // The first login made an account of its own at once (LIG-01, LIB-02), with her class from Clever.
      await waitForSync(context, teacher.id);
      const cleverUser = await appUser(stack, teacher.id);
      assert(cleverUser && cleverUser.id === (await signedInUserId(context)), "the first Clever login is not signed in as the account it provisioned");
      assert(cleverUser.id !== passwordUser, "the first Clever login opened the password account before any merge");
      assert(cleverUser.sections.join() === section, `the first login synced ${cleverUser.sections.join() || "no section"}, not ${section}`);

      // "Yes": she proves the password account (a wrong password first), and the two become one.
      await onboarding.linkExisting();
      const linkPage = new AccountLinkPage(browser);
      await linkPage.waitFor();
      await linkPage.link(email, "not-the-password");
      await linkPage.waitForMismatch();
      assert((await appUser(stack, teacher.id))?.id === cleverUser.id, "a wrong password changed the accounts");
      await linkPage.link(email, PASSWORD);
      await waitForPath(browser, "/dashboard");
      await waitForText(browser, new RegExp(literal(`Noor's Reading Group ${tag}`)));
      // One account: the password account's id, now with the Clever ID, the synced class and its own data.
      const merged = await appUser(stack, teacher.id);
      assert(merged?.id === passwordUser, `the Clever ID belongs to ${merged?.id ?? "nobody"}, not the password account ${passwordUser}`);
      assert((await signedInUserId(context)) === passwordUser, "the merge did not sign in as the password account");
      assert(merged.sections.join() === section, `the merged account has ${merged.sections.join() || "no section"}, not ${section}`);
      const [kept] = await rows<{ subjects: string[]; password: boolean; absorbed: string }>(
        stack,
        `SELECT subjects, "passwordHash" IS NOT NULL AS password, (SELECT count(*) FROM "User" WHERE id = $2)::text AS absorbed FROM "User" WHERE id = $1`,
        [passwordUser, cleverUser.id],
      );
      assert(kept?.password && kept.subjects.includes("arts and music"), `the password account lost its own data: ${JSON.stringify(kept)}`);
      assert(kept.absorbed === "0", "the Clever login's account is still there beside the merged one");

      // The next Clever login opens the same account, with no question.
      await new Banner(browser).logOut();
      await logInWithClever(context, teacher, { land: false });
      await waitForPath(browser, dashboardUi.path);
      const again = await signedInUserId(context);
      assert(again === passwordUser, `the next Clever login signed in user ${again}, not the merged ${passwordUser}`);
      const sections = (await sectionsOf(stack, again)).join();
      assert(sections === section, `the merged account's sections changed at the next login: ${section} → ${sections}`);
      await waitForText(browser, new RegExp(literal(school)));
      await waitForText(browser, new RegExp(literal(`Noor's Reading Group ${tag}`)));
    },
  },
  {
    title: "[DSSO-T1][LIG-01][LIG-03][DSSO-02][LIB-04][LIG-05] Instant Login for a district co-teacher: the shared class, once, with the other co-teachers",
    async run(context) {
      const { browser, stack } = context;
      // Made for this run: the fixture co-teachers have logged in in earlier suites.
      const tag = randomBytes(4).toString("hex");
      const others = [await freshTeacher(stack, "Pat", "Partner", { district: true, sections: [] }), await freshTeacher(stack, "Cyd", "Colleague", { district: true, sections: [] })];
      const lead = await freshTeacher(stack, "Lea", "Lead", { district: true, sections: [] });
      const name = `Team Science ${tag}`;
      const section = await putSection(stack, lead, name, { coTeachers: others.map((o) => o.id) });
      /** The section's teachers (the app's user ids), active links only, sorted. */
      const teachersOf = async () =>
        (await rows<{ teacherId: string }>(stack, `SELECT "teacherId" FROM "SectionTeacher" WHERE "sectionId" = $1 AND "archivedAt" IS NULL ORDER BY 1`, [section])).map((r) => r.teacherId).join();
      /** Logs `me` in for the first time; the shared class shows once, with the others. */
      const firstLogin = async (me: typeof lead, co: (typeof lead)[]) => {
        assert((await rows(stack, `SELECT id FROM "User" WHERE "cleverId" = $1 AND "onboardingCompletedAt" IS NOT NULL`, [me.id])).length === 0, `${me.name} has logged in before`);
        await instantLogin(context, me);
        await new Banner(browser).waitForName(me.name);
        const text = await waitForText(browser, new RegExp(literal(name)));
        assert(text.split(name).length - 1 === 1, `"${name}" is listed more than once`);
        for (const other of co) assert(text.includes(other.name), `co-teacher ${other.name} is not shown to ${me.name}`);
        return signedInUserId(context);
      };

      const leadId = await firstLogin(lead, others);
      // Records are keyed by Clever's IDs (LIG-05): the section is Clever's, and
      // the lead's sync made the co-teachers' accounts and linked them to it.
      const linked = await Promise.all(others.map((o) => appUser(stack, o.id)));
      const expected = [leadId, ...linked.map((u) => u?.id ?? "none")].sort().join();
      assert(linked.every((u) => u?.sections.join() === section), `the co-teachers are not linked to ${section}: ${JSON.stringify(linked)}`);
      assert((await teachersOf()) === expected, `the section ${section} is taught by ${await teachersOf()}, not ${expected}`);

      // A co-teacher's own first login finds the account the lead's sync made
      // (the same id) and is added to the existing section, not to a copy.
      await new Banner(browser).logOut();
      const [partner, ...rest] = others;
      assert(partner, "no co-teacher");
      const partnerId = await firstLogin(partner, [lead, ...rest]);
      assert(partnerId === linked[0]?.id, `${partner.name}'s login signed in user ${partnerId}, not ${linked[0]?.id ?? "none"} that the lead's sync made`);
      assert((await sectionsOf(stack, partnerId)).join() === section, `${partner.name} teaches ${(await sectionsOf(stack, partnerId)).join() || "nothing"}, not ${section}`);
      assert((await teachersOf()) === expected, `after the co-teacher's login the section is taught by ${await teachersOf()}, not ${expected}`);
      assert((await appUser(stack, lead.id))?.id === leadId, "the lead's account changed at the co-teacher's login");
    },
  },
  {
    title: "[LIG-02][LIB-08][LIB-06][DSSO-04][LIB-02] A Library student is provisioned at first login and sees both teachers; the next login finds the same account",
    async run(context) {
      const { browser, stack } = context;
      // Made for this run: the fixture Library student has logged in in earlier suites.
      const student = await freshLibraryStudent(stack, "Lio", "Student");
      const teachers = [await freshTeacher(stack, "Rosa", "Reading", { district: false, sections: [] }), await freshTeacher(stack, "Sam", "Studio", { district: false, sections: [] })];
      const sections = (await Promise.all(teachers.map((t) => putSection(stack, t, `${t.name}'s class`, { students: [student.id] })))).sort().join();
      assert((await appUser(stack, student.id)) === undefined, "the student has an account before anyone signed in");
      // A Library student's token reads only their own record: their classes
      // are what their teachers' syncs stored, so both teachers sign in first.
      for (const teacher of teachers) {
        await instantLogin(context, teacher, { land: false });
        await waitForSync(context, teacher.id);
      }
      const imported = await appUser(stack, student.id);
      assert(imported !== undefined, "the teachers' syncs did not import the student");
      const banner = new Banner(browser);
      await instantLogin(context, student);
      await banner.waitForName(student.name);
      // Provisioned at once, in both teachers' classes (the app's IDs, not row
      // counts: the Clever ID is unique anyway, so only these show the second
      // login found the same user and classes).
      const text = await waitForText(browser, new RegExp(literal(teachers[1]?.name ?? "")));
      assert(text.includes(teachers[0]?.name ?? ""), `teacher ${teachers[0]?.name} is not shown`);
      const first = await signedInUserId(context);
      assert(first === imported.id, "the first login is not signed in as the account the teachers' syncs made for the student");
      const firstSections = (await sectionsOf(stack, first)).join();
      assert(firstSections === sections, `the student is enrolled in ${firstSections || "no section"}, not in each teacher's class (${sections})`);
      // Again, the other way in: Log in with Clever from the app's login page.
      await banner.logOut();
      await logInWithClever(context, student);
      await banner.waitForName(student.name);
      const second = await signedInUserId(context);
      assert(second === first, `the second login signed in user ${second}, not ${first}`);
      const secondSections = (await sectionsOf(stack, second)).join();
      assert(secondSections === firstSections, `the student's sections changed between logins: ${firstSections} → ${secondSections}`);
    },
  },
  {
    title: "[LIB-R06][LIB-12][LIG-04] A student Clever no longer lists in a class shows under “No longer in this class in Clever”, with the date, and comes back when Clever lists them again; a rename shows in the class’s changes",
    async run(context) {
      const { browser, stack } = context;
      const clever = sandboxControl(stack);
      const tag = randomBytes(4).toString("hex");
      const [stays, leaves] = [`${tag}a${randomBytes(8).toString("hex")}`, `${tag}b${randomBytes(8).toString("hex")}`];
      const leaverName = `Zoë Leaves-${tag}`;
      for (const { id, first, last } of [{ id: stays, first: "Ana", last: `Stays-${tag}` }, { id: leaves, first: "Zoë", last: `Leaves-${tag}` }]) {
        await clever.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first, middle: "", last }, grade: "3" });
      }
      const teacher = await freshTeacher(stack, "Tru", "Roster", { district: true, sections: [] });
      const section = await putSection(stack, teacher, `Trust Math ${tag}`, { students: [stays, leaves] });
      await instantLogin(context, teacher);
      await waitForSync(context, teacher.id);
      const dashboard = new DashboardPage(browser);
      const classPage = new ClassPage(browser);

      // Upstream: Zoë leaves the class.
      const record = (await clever.getData("sections", section)).data as Record<string, unknown>;
      await clever.putData("sections", section, { ...record, students: [stays] });
      await dashboard.goto(stack.appUrl);
      const left = await dashboard.sync();
      assert(/Synced with Clever/.test(left), `the sync did not succeed: "${left}"`);
      await classPage.goto(stack.appUrl, section);
      await classPage.waitForFormerStudents(1);
      const date = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date());
      await waitForText(browser, new RegExp(`${literal(leaverName)}\\s*Left on ${literal(date)}`));
      assert(!(await classPage.roster()).includes(leaverName), "the student Clever no longer lists is still counted in the class");
      await context.capture();

      // Upstream: Zoë is back, and the class is renamed.
      const renamed = `Trust Math — Año 2 ${tag}`;
      await clever.putData("sections", section, { ...record, name: renamed, students: [stays, leaves] });
      await dashboard.goto(stack.appUrl);
      const back = await dashboard.sync();
      assert(/Synced with Clever/.test(back), `the sync did not succeed: "${back}"`);
      await classPage.goto(stack.appUrl, section);
      await waitForText(browser, new RegExp(`Joined: ${literal(leaverName)}`));
      await waitForText(browser, new RegExp(literal(`Renamed from “Trust Math ${tag}” to “${renamed}”`)));
      assert((await classPage.roster()).includes(leaverName), "the student Clever lists again is not back in the class");
      assert(!(await classPage.showsFormerStudents()), "the returning student is still listed as gone");
    },
  },
  {
    title: "[DSSO-03][LIB-13][LIB-14] On a 320 px phone the banner shows a 40-character name, role and school in full, with Log out one tap away",
    async run(context) {
      const { browser, stack } = context;
      const id = randomBytes(12).toString("hex");
      // 40 characters, UTF-8: accents, hyphens, a long last name (two of them this journey's own).
      const [first, last] = ["Maria-José Ñúñez", `Montenegro-Åkerström ${id.slice(0, 2)}`];
      const name = `${first} ${last}`;
      assert([...name].length === 40, `the name is ${[...name].length} characters`);
      await sandboxControl(stack).putData("teachers", id, {
        id,
        district: fixtures.district.id,
        school: fixtures.schoolElementary.id,
        schools: [fixtures.schoolElementary.id],
        name: { first, middle: "", last },
      });
      // WebKitGTK's window cannot be narrower than its toolbar (~450 px), so
      // the page is laid out in a 320 px root inside the narrowest window:
      // the same CSS as a 320 px phone as long as no width breakpoint lies
      // between the two, which is checked first.
      await browser.setWindowSize(320, 700);
      await instantLogin(context, { key: `webkit:${id}`, id, type: "teacher", name, districtId: fixtures.district.id, email: null, tags: ["webkit"] });
      // Past the first sync, so the dashboard stops refreshing itself.
      await waitForSync(context, id);
      await new DashboardPage(browser).goto(stack.appUrl);
      await new Banner(browser).waitForName(name);
      const between = await browser.execute((phone: number) => {
        const px = (value: string, unit: string) => Number(value) * (unit === "px" ? 1 : 16);
        const found: string[] = [];
        for (const sheet of document.styleSheets) {
          const walk = (rules: CSSRuleList) => {
            for (const rule of rules) {
              if (rule instanceof CSSMediaRule) {
                for (const [, value = "0", unit = "px"] of rule.conditionText.matchAll(/width\s*[<>=:]+\s*([\d.]+)(px|rem|em)/g)) {
                  const at = px(value, unit);
                  if (at > phone && at <= window.innerWidth) found.push(rule.conditionText);
                }
              }
              if ("cssRules" in rule) walk((rule as CSSGroupingRule).cssRules);
            }
          };
          walk(sheet.cssRules);
        }
        return found;
      }, 320);
      assert(between.length === 0, `a breakpoint lies between 320 px and this window's width: ${between.join(", ")}`);
      const problems = await browser.execute(
        (phone: number, ids: typeof bannerUi.testIds, logOutName: string) => {
          document.documentElement.style.maxWidth = `${phone}px`;
          window.scrollTo(0, 0);
          const found: string[] = [];
          for (const id of [ids.name, ids.role, ids.place]) {
            const part = document.querySelector(`[data-testid="${id}"]`);
            const line = part?.closest("p");
            if (!part || !line) {
              found.push(`${id} missing`);
              continue;
            }
            const box = part.getBoundingClientRect();
            if (line.scrollWidth > line.clientWidth + 1 || getComputedStyle(line).textOverflow === "ellipsis") found.push(`${id} clipped`);
            if (box.right > phone + 1 || box.left < 0) found.push(`${id} off screen`);
          }
          const logOut = [...document.querySelectorAll(`[data-testid="${ids.root}"] button`)].find((b) => (b.textContent ?? "").toLowerCase().includes(logOutName.toLowerCase()));
          const button = logOut?.getBoundingClientRect();
          if (!button || button.top < 0 || button.bottom > window.innerHeight || button.right > phone + 1) found.push("Log out not in view");
          if (document.body.scrollWidth > phone) found.push("the page is wider than the phone");
          return found;
        },
        320,
        bannerUi.testIds,
        bannerUi.logOut,
      );
      await context.capture();
      assert(problems.length === 0, `the banner at 320 px: ${problems.join(", ")}`);
    },
  },
  {
    title: "[ROLL-02][ROLL-03][ROLL-04][SS-Q15] A school year rolls over in Clever: last year's classes move to Past classes with their rosters and their term, the new ones arrive in the term Clever made again under a new ID, and the teacher is told once",
    async run(context) {
      const { browser, stack } = context;
      const control = sandboxControl(stack);
      const me = await freshTeacher(stack, "Rhoda", "Rollover", { district: true, sections: [] });
      const stamp = me.id.slice(0, 4);
      const student = { id: randomBytes(12).toString("hex"), name: `Ána Rollover-${stamp}` };
      await control.putData("students", student.id, { id: student.id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: "Ána", last: `Rollover-${stamp}` }, grade: "4" });
      // This year's term, the journey's own (the local Clever's clock is shared: real dates).
      const day = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10) + "T00:00:00.000Z";
      const term = { id: randomBytes(12).toString("hex"), district: fixtures.district.id, name: `Full Year 2025–26 · ${stamp}`, start_date: day(-100), end_date: day(150) };
      await control.putV3Only("terms", term.id, term);
      await putSection(stack, me, `Math 4 · ${stamp}`, { students: [student.id], termId: term.id });
      await putSection(stack, me, `Science 4 · ${stamp}`, { termId: term.id });
      await instantLogin(context, me);
      await waitForText(browser, new RegExp(`Science 4 · ${stamp}`));
      await waitForText(browser, new RegExp(`Term: Full Year 2025–26 · ${stamp}`));
      // Rollover in the local Clever, scoped to this teacher: her classes
      // deleted in bulk, their term deleted and made again under a new ID a
      // year on, this year's class in it.
      const rolled = await control.rollover({
        district_id: fixtures.district.id,
        teacher_id: me.id,
        // The name given (its stamp may be digits a derived name would move on); the dates a year on.
        terms: { [term.id]: { name: `Full Year 2026–27 · ${stamp}` } },
        new_sections: [{ id: randomBytes(12).toString("hex"), name: `Math 5 · ${stamp}`, subject: "math", grade: "4", teacher: me.id, teachers: [me.id], students: [], school: fixtures.schoolElementary.id, period: "1" }],
      });
      const next = rolled.terms.created[0];
      assert(next !== undefined && next.id !== term.id && rolled.terms.deleted.includes(term.id), "the rollover did not make its term again under a new ID");
      const dashboard = new DashboardPage(browser);
      const message = await dashboard.sync();
      assert(!/fail|didn.t|error/i.test(message), `the sync reported a problem: "${message}"`);
      await waitForText(browser, /2 classes from last year moved to Past classes; 1 new class from Clever\./);
      // The new class shows the new term.
      await waitForText(browser, new RegExp(`Term: Full Year 2026–27 · ${stamp}`));
      await context.capture();
      const classes = await dashboard.openPastClasses();
      await waitForText(browser, /Past classes \(2\)/);
      await classes.openPastClasses();
      // Last year's classes keep last year's term.
      const pastText = await pageText(browser);
      assert(pastText.includes(`Term: Full Year 2025–26 · ${stamp}`), "the past classes do not show last year's term");
      await click(browser, `Math 4 · ${stamp}`);
      await new ClassPage(browser).waitForPastNote();
      assert((await pageText(browser)).includes(student.name), "the past class's roster does not list its student");
      // Told once: the dashboard no longer says it, and shows this year's class.
      await dashboard.goto(stack.appUrl);
      const text = await waitForText(browser, new RegExp(`Math 5 · ${stamp}`));
      assert(!/moved to Past classes/.test(text), "the rollover summary shows a second time");
      assert(!text.includes(`Math 4 · ${stamp}`), "last year's class is still on the dashboard");
    },
  },
  {
    title: "[LIB-09] A teacher with zero sections sees what to do next",
    async run(context) {
      const { browser } = context;
      await instantLogin(context, fixtures.teacherZeroSections);
      await new Banner(browser).waitForName(fixtures.teacherZeroSections.name);
      const dashboard = new DashboardPage(browser);
      await dashboard.waitForEmpty();
      assert(await dashboard.hasSyncButton(), "no Sync my classes button on the empty dashboard");
    },
  },
];
