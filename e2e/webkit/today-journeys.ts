// Clever as it is today, in the Safari engine: identity in one call (or none
// for an OIDC district login), a forged id_token refused on its own page,
// only documented endpoints for a Library teacher's token, and administrators
// let in. The local Clever's per-user request log says what the app called.
import { instantLoginUrl } from "../../sandbox/control-client";
import { apiEndpoint, libraryTeacherEndpoints } from "../support/clever-api";
import { fixtures } from "../../sandbox/fixtures";
import { assert, waitForText, type Journey } from "./harness";
import { AuthErrorPage, Banner } from "./pages";
import { freshTeacher, instantLogin, putSection, sandboxControl, waitForSync } from "./steps";


export const todayJourneys: Journey[] = [
  {
    title: "[clever-today] A Library teacher's login asks /userinfo who she is, and her sync reads only what Clever documents for Library tokens",
    async run(context) {
      const { stack } = context;
      const clever = sandboxControl(stack);
      const me = await freshTeacher(stack, "Ulla", "Userinfo", { district: false, sections: [] });
      const kid = `${me.id.slice(0, 16)}00000001`;
      await clever.putData("students", kid, { id: kid, name: { first: "Kit", middle: "", last: "Today" }, grade: "3" });
      await putSection(stack, me, "Poems", { students: [kid] });
      await putSection(stack, me, "Maps", { students: [kid] });
      await instantLogin(context, me, { land: false });
      await waitForSync(context, me.id);
      const requests = await clever.requests({ user: me.id });
      assert(requests[0]?.endpoint === apiEndpoint.userinfo, `the login's identity call was ${requests[0]?.endpoint ?? "nothing"}`);
      const undocumented = requests.filter((request) => !libraryTeacherEndpoints.has(request.endpoint)).map((request) => request.endpoint);
      assert(undocumented.length === 0, `undocumented endpoints were called: ${undocumented.join(", ")}`);
      const perSection = requests.filter((request) => request.endpoint === apiEndpoint.sectionStudents).length;
      assert(perSection === 2, `expected one student list per section (2), got ${perSection}`);
      assert(
        requests.every((request) => request.status === 200),
        `Clever refused some reads: ${requests.filter((r) => r.status !== 200).map((r) => `${r.endpoint} ${r.status}`).join(", ")}`,
      );
    },
  },
  {
    title: "[clever-today] Where /userinfo is unavailable and /me says type \"user\" (as recorded from Clever), the user's record says who signed in",
    async run(context) {
      const { browser, stack } = context;
      const clever = sandboxControl(stack);
      const me = await freshTeacher(stack, "Ursa", "Usertype", { district: false, sections: [] });
      await clever.addFault({ path: "/userinfo", status: 404, user: me.id, times: 1 });
      await clever.addFault({ path: "^/v[0-9.]+/me$", me: "user", user: me.id, times: 1 });
      await instantLogin(context, me, { land: false });
      await new Banner(browser).waitForName(me.name);
      const called = (await clever.requests({ user: me.id })).map((request) => request.endpoint).slice(0, 3);
      assert(called.join(" ") === [apiEndpoint.userinfo, apiEndpoint.me, apiEndpoint.user].join(" "), `the login's identity calls were ${called.join(", ")}`);
      const left = ((await clever.faults()) as { user?: string }[]).filter((fault) => fault.user === me.id);
      assert(left.length === 0, "the login did not read /userinfo and /me as the faults shaped them");
    },
  },
  {
    title: "[clever-today] An OIDC app's district login makes no identity call: the verified id_token says who it is",
    async run(context) {
      const { browser, stack } = context;
      const me = await freshTeacher(stack, "Odile", "Oidc", { district: true, sections: ["Oidc Class"] });
      await instantLogin(context, me);
      await new Banner(browser).waitForName(me.name);
      await waitForSync(context, me.id);
      // No identity call (the first login in a district may read its name with the user's token).
      const requests = (await sandboxControl(stack).requests({ user: me.id })).filter((r) => r.endpoint !== apiEndpoint.district);
      assert(requests.length === 0, `the user's own token was used for: ${requests.map((r) => r.endpoint).join(", ")}`);
      await waitForText(browser, /Oidc Class/);
    },
  },
  {
    title: "[DSSO-06][clever-today] An id_token with a bad signature fails the login on its own friendly page",
    async run(context) {
      const { browser, stack } = context;
      const me = await freshTeacher(stack, "Fenna", "Forged", { district: true, sections: [] });
      const clever = sandboxControl(stack);
      await clever.addFault({ path: "/oauth/tokens", method: "POST", idToken: "bad_signature", user: me.id });
      try {
        await browser.url(instantLoginUrl(stack.cleverUrl, { clientId: stack.clientId, user: me }));
        await new AuthErrorPage(browser).waitForShown(/We couldn.t confirm who you are/);
      } finally {
        await clever.clearFaults(me.id);
      }
    },
  },
  {
    title: "[IL-07][clever-today] A district admin lands on the administrators' page with the district's schools",
    async run(context) {
      const { browser } = context;
      await instantLogin(context, fixtures.districtAdmin);
      await waitForText(browser, /District administrator at Sandbox School District/);
      await waitForSync(context, fixtures.districtAdmin.id);
      await browser.refresh();
      await waitForText(browser, /Sandbox Elementary School/);
      await waitForText(browser, /Sandbox High School/);
      await context.capture();
    },
  },
];
