// Screenshots for the Clever Library listing (LIG-M4), taken from the real app
// in the certification run. Chromium only (a *.server.spec): the listing needs
// one set of pictures, not one per engine. scripts/listing-kit.ts re-encodes
// them without alpha and checks them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { allHandles } from "../sandbox/fixtures";
import { listingShotsDir } from "../scripts/lib/listing-files";
import { ClassesPage, DashboardPage, expect, OnboardingPage, test } from "./support/fixtures";
import { cleverLogin, freshLibraryStudent, freshTeacher, signInTeacher } from "./ui-support";

const roster = allHandles.filter((h) => h.key.startsWith("roster:")).map((h) => h.id);
const shots: { file: string; description: string }[] = [];

async function shoot(page: Page, description: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const file = `screenshot-${shots.length + 1}.png`;
  await page.screenshot({ path: path.join(listingShotsDir, file) });
  shots.push({ file, description });
}

test.use({ viewport: { width: 1280, height: 800 } });

test("[LIG-M4] the listing's screenshots are real pages, each with its heading visible", async ({ newBrowser }) => {
  test.setTimeout(180_000);
  mkdirSync(listingShotsDir, { recursive: true });
  // A Library teacher's first sign-in: her school found by name in the picker.
  const libraryTeacher = await freshTeacher("Lena", "Listing-Shots");
  const libraryPage = await newBrowser();
  await cleverLogin(libraryPage, libraryTeacher);
  const onboarding = new OnboardingPage(libraryPage);
  await onboarding.createNewLink.click();
  const box = await onboarding.schoolBox();
  await box.pressSequentially("Boise", { delay: 20 });
  await expect(libraryPage.getByRole("option").first()).toBeVisible();
  await shoot(libraryPage, "A teacher's first sign-in from the Clever Library: finding their school by name or city, with subjects and grades to confirm.");

  const teacher = await freshTeacher("Maya", "Listing-Shots", {
    district: true,
    sections: [
      { name: "Algebra I", subject: "math", grade: "9", students: roster.slice(0, 6) },
      { name: "Biology", subject: "science", grade: "10", students: roster.slice(6, 10) },
    ],
  });
  const page = await newBrowser();
  await signInTeacher(page, teacher);
  const dashboard = new DashboardPage(page);
  await expect(dashboard.classCards).toHaveCount(2);
  await shoot(page, "The teacher dashboard with the classes Clever shares.");
  // The roster opens inside the class card.
  const algebra = dashboard.card("Algebra I");
  await algebra.getByText("6 students").click();
  await algebra.scrollIntoViewIfNeeded();
  await shoot(page, "A class roster with its students, as Clever has them.");
  const classes = new ClassesPage(page);
  await classes.goto();
  await expect(classes.chooserItems).toHaveCount(2);
  await shoot(page, "The class chooser, where a teacher picks which classes show on the dashboard.");

  const { student } = await freshLibraryStudent("Noor", "Listing-Shots");
  const studentPage = await newBrowser();
  await cleverLogin(studentPage, student);
  await shoot(studentPage, "A student's view of the classes they are enrolled in.");

  writeFileSync(path.join(listingShotsDir, "screenshots.json"), `${JSON.stringify(shots, null, 2)}\n`);
  expect(shots).toHaveLength(5);
});
