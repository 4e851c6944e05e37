// HTML pages that look and behave like Clever's: school picker, district
// login page, Library consent screen, portal, error page. Plain server-rendered
// forms (no JavaScript) so that any browser and a bare HTTP client can drive
// them. Every button has an exact accessible name e2e tests can target.
import { escapeHtml as e } from "./http";

export type Hidden = [string, string][];

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6fa;color:#1c2a46}
  header{background:#1464ff;color:#fff;padding:14px 24px;display:flex;align-items:center;gap:12px}
  header .logo{font-weight:800;font-size:22px;letter-spacing:-.5px}
  header .tag{font-size:12px;background:rgba(255,255,255,.2);padding:2px 8px;border-radius:10px}
  main{max-width:760px;margin:32px auto;padding:0 16px}
  .card{background:#fff;border-radius:10px;box-shadow:0 1px 4px rgba(0,0,0,.1);padding:24px;margin-bottom:16px}
  h1{font-size:22px;margin:0 0 12px}
  h2{font-size:16px;margin:20px 0 8px;color:#445}
  button,.button{display:block;width:100%;text-align:left;padding:10px 14px;margin:6px 0;border:1px solid #c9d3e6;border-radius:6px;background:#fff;color:#1c2a46;font-size:15px;cursor:pointer;text-decoration:none}
  button:hover,.button:hover{background:#eef3ff}
  button.primary{background:#1464ff;color:#fff;border-color:#1464ff;text-align:center}
  button.secondary{text-align:center}
  .row{display:flex;gap:12px}
  input[type=search]{width:100%;padding:10px;border:1px solid #c9d3e6;border-radius:6px;font-size:15px}
  .muted{color:#667;font-size:14px}
  .error{border-left:4px solid #d33}
  ul.shared li{margin:4px 0}
  .apps{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}
  .app{display:block;text-align:center;padding:18px 8px;border:1px solid #c9d3e6;border-radius:10px;background:#fff;color:#1c2a46;text-decoration:none}
  .app::before{content:attr(data-letter);display:block;width:64px;height:64px;margin:0 auto 8px;border-radius:14px;background:#1464ff;color:#fff;font-size:30px;line-height:64px;font-weight:700}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} | Clever</title>
<style>${STYLE}</style>
</head>
<body>
<header><span class="logo">Clever</span><span class="tag">local sandbox</span></header>
<main>
${body}
</main>
</body>
</html>`;
}

function hiddenFields(hidden: Hidden): string {
  return hidden.map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`).join("\n");
}

function query(hidden: Hidden): string {
  return new URLSearchParams(hidden).toString();
}

export function errorPage(title: string, message: string): string {
  return layout(
    title,
    `<div class="card error" role="alert">
<h1>${e(title)}</h1>
<p>${e(message)}</p>
<p class="muted">If you believe this is a mistake, contact your school's Clever administrator or the application's support team.</p>
</div>`,
  );
}

export interface PickerDistrict {
  id: string;
  name: string;
}

/**
 * Clever's school picker: a GET search form (name or district ID) whose results
 * link back to the same flow with district_id added.
 */
export function pickerPage(opts: {
  action: string;
  hidden: Hidden;
  search: string;
  results: PickerDistrict[];
}): string {
  const items = opts.results
    .map(
      (d) =>
        `<li><a class="button" href="${e(`${opts.action}?${query([...opts.hidden, ["district_id", d.id]])}`)}">${e(d.name)}</a></li>`,
    )
    .join("\n");
  return layout(
    "Find your school",
    `<div class="card">
<h1>Find your school</h1>
<form method="get" action="${e(opts.action)}" role="search">
${hiddenFields(opts.hidden)}
<label for="district_search" class="muted">Search by school or district name, or enter a district ID</label>
<div class="row"><input type="search" id="district_search" name="district_search" value="${e(opts.search)}" autofocus>
<button type="submit" class="primary" style="width:auto">Search</button></div>
</form>
<h2>${opts.search ? "Results" : "Districts"}</h2>
${items ? `<ul style="list-style:none;padding:0">${items}</ul>` : `<p class="muted">No schools match “${e(opts.search)}”.</p>`}
</div>`,
  );
}

export interface LoginUser {
  id: string;
  name: string;
  type: string;
}

/**
 * A district login page. Instead of credentials the sandbox lists the
 * district's users; each is a submit button named "Log in as NAME (TYPE)".
 */
export function loginPage(opts: { districtName: string; districtId: string; hidden: Hidden; users: LoginUser[] }): string {
  const buttons = opts.users
    .map((u) => `<button type="submit" name="user_id" value="${e(u.id)}">Log in as ${e(u.name)} (${e(u.type)})</button>`)
    .join("\n");
  return layout(
    `Log in to ${opts.districtName}`,
    `<div class="card">
<h1>${e(opts.districtName)}</h1>
<p class="muted">Sandbox login: choose who to log in as. District ID ${e(opts.districtId)}.</p>
<form method="post" action="/login">
${hiddenFields(opts.hidden)}
<input type="hidden" name="district_id" value="${e(opts.districtId)}">
${buttons || '<p class="muted">This district has no users.</p>'}
</form>
</div>`,
  );
}

/** Library consent screen (seed 002: "authorize Clever sharing their section data"). */
export function consentPage(opts: { appName: string; userName: string; userType: string; hidden: Hidden }): string {
  const teacherData = `
<li><strong>Your profile:</strong> Clever ID, name (first, middle, last), email</li>
<li><strong>Your sections</strong> (as primary or co-teacher): Clever ID, name, section number, teachers, students, subject, grade</li>
<li><strong>Students in those sections:</strong> Clever ID, name, grade</li>`;
  const studentData = `
<li><strong>Your profile:</strong> Clever ID, name (first, middle, last), grade</li>
<li><strong>Your sections:</strong> Clever ID, name, section number, teachers, subject, grade</li>
<li><strong>Your teachers:</strong> Clever ID, name, email</li>`;
  return layout(
    `Authorize ${opts.appName}`,
    `<div class="card">
<h1>${e(opts.appName)} would like to access your Clever data</h1>
<p>Signed in as <strong>${e(opts.userName)}</strong> (${e(opts.userType)}).</p>
<p>If you allow this, Clever will share the following with ${e(opts.appName)}:</p>
<ul class="shared">${opts.userType === "teacher" ? teacherData : studentData}</ul>
<p class="muted">School and district information is not shared.</p>
<form method="post" action="/oauth/consent">
${hiddenFields(opts.hidden)}
<div class="row">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>
</div>`,
  );
}

export interface PortalApp {
  name: string;
  href: string;
}

export function portalPage(opts: { userName: string; userType: string; districtName: string; apps: PortalApp[] }): string {
  const icons = opts.apps
    .map(
      (a) =>
        `<a class="app" href="${e(a.href)}" data-letter="${e(a.name.slice(0, 1))}">${e(a.name)}</a>`,
    )
    .join("\n");
  return layout(
    "Portal",
    `<div class="card">
<h1>Welcome, ${e(opts.userName)}</h1>
<p class="muted">${e(opts.userType)} · ${e(opts.districtName)} · <a href="/logout">Log out of Clever</a></p>
<h2>Your apps</h2>
${icons ? `<nav class="apps" aria-label="Your apps">${icons}</nav>` : '<p class="muted">No apps yet.</p>'}
</div>`,
  );
}

export function loggedOutPage(): string {
  return layout(
    "Logged out",
    `<div class="card"><h1>You have been logged out of Clever</h1><p><a href="/portal">Log in again</a></p></div>`,
  );
}
