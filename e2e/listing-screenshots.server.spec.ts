// Screenshots for the Clever Library listing (LIG-M4), taken from the real app
// in the certification run. Chromium only (a *.server.spec): the listing needs
// one set of pictures, not one per engine. scripts/listing-kit.ts re-encodes
// them without alpha and checks them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allHandles } from "../sandbox/fixtures";
import { listingShotsDir } from "../scripts/lib/listing-files";
import { cleverLogin, freshLibraryStudent, freshTeacher, schoolBox, waitForSync } from "./ui-support";

const roster = allHandles.filter((h) => h.key.startsWith("roster:")).map((h) => h.id);
const shots: { file: string; description: string }[] = [];

async function shoot(page: Page, description: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const file = `screenshot-${shots.length + 1}.png`;
  await page.screenshot({ path: path.join(listingShotsDir, file) });
  shots.push({ file, description });
}

test.use({ viewport: { width: 1280, height: 800 } });

test("[LIG-M4] the listing's screenshots are real pages, each with its heading visible", async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(listingShotsDir, { recursive: true });
  // A Library teacher's first sign-in: her school found by name in the picker.
  const libraryTeacher = await freshTeacher("Lena", "Listing-Shots");
  const libraryPage = await (await browser.newContext()).newPage();
  await cleverLogin(libraryPage, libraryTeacher);
  await libraryPage.getByRole("link", { name: "No, create a new one" }).click();
  const box = await schoolBox(libraryPage);
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
  const page = await (await browser.newContext()).newPage();
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await page.getByRole("link", { name: "No, create a new one" }).click();
  await page.getByRole("button", { name: "Continue to my classes" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await expect(page.getByTestId("class-card")).toHaveCount(2);
  await shoot(page, "The teacher dashboard with the classes Clever shares.");
  // The roster opens inside the class card.
  const algebra = page.getByTestId("class-card").filter({ hasText: "Algebra I" });
  await algebra.getByText("6 students").click();
  await algebra.scrollIntoViewIfNeeded();
  await shoot(page, "A class roster with its students, as Clever has them.");
  await page.goto("/classes");
  await expect(page.getByTestId("chooser-item")).toHaveCount(2);
  await shoot(page, "The class chooser, where a teacher picks which classes show on the dashboard.");

  const { student } = await freshLibraryStudent("Noor", "Listing-Shots");
  const studentPage = await (await browser.newContext()).newPage();
  await cleverLogin(studentPage, student);
  await shoot(studentPage, "A student's view of the classes they are enrolled in.");

  writeFileSync(path.join(listingShotsDir, "screenshots.json"), `${JSON.stringify(shots, null, 2)}\n`);
  expect(shots).toHaveLength(5);
});
