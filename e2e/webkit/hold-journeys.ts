// A held full sync in the Safari engine (SS-R6, ROLL-05): a district of its
// own whose full sync would archive an unusual share of its students is
// held; its district admin sees the counts on the dashboard and applies it.
import { randomBytes } from "node:crypto";
import { assert, pageText, waitForText, type Journey } from "./harness";
import { freshDistrict, rosterNow } from "./departure-journeys";
import { AdminDashboardPage } from "./pages";
import { instantLogin, rows } from "./steps";

export const holdJourneys: Journey[] = [
  {
    title: "[SS-R6][ROLL-05] A district admin sees a full sync held with what it would archive, and applies it",
    async run(context) {
      const { browser, stack } = context;
      const district = await freshDistrict(stack);
      await rosterNow(stack, district.id);
      // Twelve students the app holds that Clever no longer lists (as if their
      // removal's events were lost: an event is never held): 12 of 13.
      const gone = Array.from({ length: 12 }, () => randomBytes(12).toString("hex"));
      await rows(
        stack,
        `INSERT INTO "User" (id, "cleverId", role, roles, "authorizedBy", "districtId", "firstName", "lastName", "updatedAt")
         SELECT gen_random_uuid()::text, c, 'student', ARRAY['student']::"Role"[], 'district', $1, 'Gone', 'Student', now() FROM unnest($2::text[]) AS c`,
        [district.id, gone],
      );
      await rosterNow(stack, district.id);
      await instantLogin(context, district.admin);
      await waitForText(browser, /would archive 12 of 13 students \(92%\)\. None of them was archived\./);
      await context.capture();
      await new AdminDashboardPage(browser).applyHeld();
      await waitForText(browser, /Last synced/);
      const deadline = Date.now() + 20_000;
      let active = 12;
      while (Date.now() < deadline && active > 0) {
        active = (await rows<{ n: number }>(stack, `SELECT count(*)::int AS n FROM "User" WHERE "cleverId" = ANY($1::text[]) AND "archivedAt" IS NULL`, [gone]))[0]?.n ?? -1;
        if (active > 0) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      assert(active === 0, `the held sync was not applied: ${active} students still active`);
      // The page shows the applied state once the action's render arrives
      // ("Last synced" was on the page before the click too).
      let text = "";
      await browser
        .waitUntil(
          async () => {
            text = await pageText(browser);
            return /Roster sync with Clever/.test(text) && !/None of them was archived/.test(text);
          },
          { timeout: 20_000, interval: 250 },
        )
        .catch(() => {
          throw new Error(`the hold is still shown after it was applied: "${text.slice(0, 300).replace(/\s+/g, " ")}"`);
        });
    },
  },
];
