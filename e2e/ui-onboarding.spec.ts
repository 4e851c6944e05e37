// Landing page and a teacher's first login: onboarding pre-filled from
// Clever, the school picker for Library teachers, none for district ones.
import { allHandles, fixtures } from "../sandbox/fixtures";
import { query, storedCleverIds } from "./support/db";
import { expect, OnboardingPage, test } from "./support/fixtures";
import { cleverLogin, freshTeacher, snap, tabTo, waitForSync } from "./ui-support";

const libraryStudents = allHandles.filter((h) => h.key.startsWith("libraryStudent:")).map((h) => h.id);

test("the landing page explains the app and offers both Clever buttons and the free trial", async ({ page, home, accessible }, testInfo) => {
  await home.goto();
  await expect(home.heading).toBeVisible();
  await expect(page.getByText("every name spelled right, from Zoë to Núñez.")).toBeVisible();
  await expect(home.logInLink).toHaveAttribute("href", "/login");
  await expect(home.signUpLink).toHaveAttribute("href", "/signup");
  await expect(home.trialNote).toContainText("Free for teachers");
  await accessible();
  await snap(page, testInfo, "landing");
});

test("[LIG-10] [LIB-R02] [LIB-R04] [DSSO-R2] [SYNC-04] [DSSO-R3] [LIB-R05] [LIB-03] [LIB-Q2] [DSSO-Q2] [LIB-Q6] [SYNC-01] a Library teacher's first login: pre-filled onboarding with the school picker, then the free trial, not the district product", async ({ page, onboarding, dashboard, banner, accessible }, testInfo) => {
  test.setTimeout(120_000);
  const teacher = await freshTeacher("Lupe", "Ibáñez", {
    sections: [
      { name: "Math Explorers 4", subject: "math", grade: "4", students: libraryStudents.slice(0, 3) },
      { name: "Science Lab 5", subject: "science", grade: "5", students: libraryStudents.slice(3, 5) },
    ],
  });
  await cleverLogin(page, teacher);
  // Step 1: the one question Clever can't answer for us.
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(onboarding.question).toBeVisible();
  await accessible();
  await snap(page, testInfo, "onboarding-question");
  await waitForSync(teacher.id);
  await onboarding.createNewLink.click();

  // Step 2: one screen, everything Clever gave already filled in.
  await expect(page.getByLabel("First name")).toHaveValue("Lupe");
  await expect(page.getByLabel("Last name")).toHaveValue("Ibáñez");
  await expect(page.getByLabel("Email (optional)")).toHaveValue(teacher.email ?? "");
  await expect(page.getByRole("checkbox", { name: "Math" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Science" })).toBeChecked();
  await expect(onboarding.subject("Arts & music")).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Grade 4" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Grade 5" })).toBeChecked();
  await accessible();

  // Submitting without a school says what is missing, in an announced region.
  await onboarding.continueButton.click();
  await expect(page.getByRole("status").filter({ hasText: "Please check the highlighted fields." })).toBeVisible();
  await expect(page.locator("#school-error")).toContainText("Pick your school");

  await onboarding.pickSchool("Lowell", "Lowell High School");
  await expect(onboarding.schoolSelected).toContainText("Lowell High School");
  await accessible();
  await snap(page, testInfo, "onboarding-form");
  await onboarding.submit();

  // Teacher-shared (SYNC-01): the free experience, never the district's.
  await expect(dashboard.trialBanner).toContainText("Free for teachers: your trial runs until");
  await expect(dashboard.districtPlan).toHaveCount(0);
  await expect(banner.root).toContainText("Lowell High School");
  const [user] = await query<{ onboardingCompletedAt: Date | null; directorySchoolId: string | null; subjects: string[]; grades: string[]; trialEndsAt: Date | null; authorizedBy: string | null }>(
    `SELECT "onboardingCompletedAt", "directorySchoolId", subjects, grades, "trialEndsAt", "authorizedBy" FROM "User" WHERE "cleverId" = ANY($1)`,
    [storedCleverIds(teacher.id)],
  );
  expect(user?.authorizedBy).toBe("teacher");
  expect(user?.onboardingCompletedAt).not.toBeNull();
  expect(user?.directorySchoolId).not.toBeNull();
  expect(user?.subjects).toEqual(["math", "science"]);
  expect(user?.grades).toEqual(["4", "5"]);
  expect(user?.trialEndsAt).not.toBeNull();
  await snap(page, testInfo, "dashboard-library-teacher");

  // Settings: the same answers, editable later.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(onboarding.schoolSelected).toContainText("Lowell High School");
  await accessible();
  await snap(page, testInfo, "settings");
});

test("[SS-05] [LIG-10] [SYNC-04] a Library teacher whose school isn't listed types its name; a missing email fails neither login nor sync, and is asked for, not required", async ({ page, onboarding, banner }) => {
  const teacher = await freshTeacher("Ngozi", "Eze", { email: false });
  await cleverLogin(page, teacher);
  // No email from Clever: the login signed her in and her sync succeeded.
  await waitForSync(teacher.id);
  expect((await query<{ email: string | null }>(`SELECT email FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(teacher.id)]))[0]).toEqual({ email: null });
  await onboarding.createNewLink.click();
  await expect(page.getByText("Clever didn't share an email for you.")).toBeVisible();
  await expect(page.getByLabel("Email (optional)")).toHaveValue("");
  await onboarding.nameUnlistedSchool("Escuela Ñandú Rural");
  await onboarding.submit();
  await expect(banner.root).toContainText("Escuela Ñandú Rural");
});

test("[DSSO-R2] [SYNC-01] [DSSO-Q2] [LIB-Q6] a district-shared teacher skips the school picker (school known from Clever) and gets the full product", async ({ page, onboarding, dashboard }, testInfo) => {
  const teacher = await freshTeacher("Dana", "Whitfield", {
    district: true,
    sections: [{ name: "Reading 2", subject: "english/language arts", grade: "2", students: [fixtures.student.id] }],
  });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await onboarding.createNewLink.click();
  await expect(onboarding.schoolFromClever).toContainText(fixtures.schoolElementary.name);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "English & language arts" })).toBeChecked();
  await snap(page, testInfo, "onboarding-district");
  await onboarding.submit();
  await expect(dashboard.districtPlan).toBeVisible();
  await expect(dashboard.trialBanner).toHaveCount(0);
  await expect(dashboard.card("Reading 2")).toBeVisible();
});

test("the school picker works without JavaScript as a plain search form", async ({ browser, browserName }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const teacher = await freshTeacher("Olu", "Bakare");
  await cleverLogin(page, teacher);
  // The server answers the search form with radio buttons that belong to the onboarding form.
  const html = await (await page.request.get("/onboarding?account=new&school_q=Stuyvesant")).text();
  const radios = (html.match(/<input[^>]*>/g) ?? []).filter((tag) => ['type="radio"', 'name="school"', 'form="profile-form"', 'value="directory:'].every((part) => tag.includes(part)));
  expect(radios).toHaveLength(1);
  expect(html).toContain("Stuyvesant High School");
  // Firefox over WebDriver BiDi ignores javaScriptEnabled: the full no-script journey runs where the engine honours it.
  if (browserName === "chromium") {
    await page.goto("/onboarding?account=new");
    const onboarding = new OnboardingPage(page);
    await onboarding.schoolCombobox.fill("Stuyvesant");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("radio", { name: /Stuyvesant High School/ }).check();
    await onboarding.submit();
    const [user] = await query<{ directorySchoolId: string | null }>(`SELECT "directorySchoolId" FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(teacher.id)]);
    expect(user?.directorySchoolId).not.toBeNull();
  }
  await context.close();
});

test("keyboard only: a teacher's first login, onboarding and class chooser with visible focus", async ({ page, onboarding, dashboard, classes }) => {
  test.setTimeout(120_000);
  const teacher = await freshTeacher("Kofi", "Mensah", {
    sections: [{ name: "Keyboard Class", subject: "math", grade: "3", students: libraryStudents.slice(0, 2) }],
  });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await tabTo(page, onboarding.createNewLink);
  await page.keyboard.press("Enter");
  const box = await onboarding.schoolBox();
  await tabTo(page, box);
  // The answer to the whole query, not to a prefix typed on the way (which a
  // slower engine may search for first): only then is the list final.
  const answered = page.waitForResponse((response) => new URL(response.url()).searchParams.get("q") === "Boston Latin");
  await page.keyboard.type("Boston Latin");
  await answered;
  await expect(page.getByRole("option", { name: /Boston Latin School/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  // The highlight is there before Enter picks it.
  await expect(box).toHaveAttribute("aria-activedescendant", /^school-option-/);
  await page.keyboard.press("Enter");
  await expect(onboarding.schoolSelected).toContainText("Boston Latin");
  await tabTo(page, onboarding.continueButton);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/dashboard");
  // The classes in place: a dashboard still refreshing itself while they
  // import would move the focus back to the top.
  await expect(dashboard.importing).toHaveCount(0);
  // Focus starts at the new page's main content after each navigation.
  await tabTo(page, page.getByRole("link", { name: "Choose which classes appear" }));
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/classes");
  await tabTo(page, classes.hideButton("Keyboard Class"));
  await page.keyboard.press("Enter");
  await expect(classes.chooserItems.getByTestId("choice-state")).toHaveText("Hidden");
});

test("the school picker keeps the highlighted school when fresh results arrive", async ({ page, onboarding }) => {
  const teacher = await freshTeacher("Ama", "Owusu");
  await cleverLogin(page, teacher);
  await onboarding.createNewLink.click();
  const box = await onboarding.schoolBox();
  await box.fill("Boston Latin");
  const academy = page.getByRole("option", { name: /Boston Latin Academy/ });
  const school = page.getByRole("option", { name: /Boston Latin School/ });
  await expect(academy).toBeVisible();
  await expect(school).toBeVisible();
  // Highlight Boston Latin School, then narrow the search: the results that
  // arrive drop the Academy and move the School up, and the highlight follows
  // the school, so Enter picks what the user saw highlighted.
  while ((await school.getAttribute("aria-selected")) !== "true") await box.press("ArrowDown");
  await box.press("End");
  await box.pressSequentially(" Sc");
  await expect(academy).toHaveCount(0);
  await expect(school).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(onboarding.schoolSelected).toContainText("Selected: Boston Latin School");
});
