// The privacy policy (LIG-M6, LIG-M7): template text the deploying company
// completes through COMPANY_NAME and COMPANY_CONTACT_EMAIL (not legal advice);
// the table of stored Clever data is generated from lib/privacy/inventory.ts.
import type { Metadata } from "next";
import { link, pageTitle } from "@/components/ui/styles";
import { company, retentionFacts, retentionText, STORED_CLEVER_FIELDS } from "@/lib/privacy";

export const metadata: Metadata = { title: "Privacy Policy" };

export default function PrivacyPage() {
  const { name, email } = company();
  const facts = retentionFacts();
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-12">
      <h1 className={pageTitle}>Privacy Policy</h1>
      <p>
        {name} runs Clever Classroom for teachers, students and schools who sign in with Clever. This page says which data we store, why,
        for how long and how it is deleted.
      </p>
      <section aria-labelledby="promises" className="flex flex-col gap-2">
        <h2 id="promises" className="text-xl font-semibold">
          Our commitments
        </h2>
        <ul className="list-disc pl-6">
          <li>Student data is never sold and never used for advertising.</li>
          <li>We store only the Clever data listed below, and use it only to run the app for your school.</li>
          <li>Clever tokens are encrypted at rest and never logged.</li>
        </ul>
      </section>
      <section aria-labelledby="stored" className="flex flex-col gap-4">
        <h2 id="stored" className="text-xl font-semibold">
          What we store from Clever
        </h2>
        {STORED_CLEVER_FIELDS.map((group) => (
          <div key={group.title} className="flex flex-col gap-2">
            <h3 className="text-lg font-semibold">{group.title}</h3>
            <ul className="flex flex-col gap-3" data-testid="stored-fields">
              {group.fields.map((field) => {
                const { kept, deleted } = retentionText(field.retention, facts);
                return (
                  <li key={`${field.clever}-${field.column}`} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-column={field.column}>
                    <p className="font-medium">{field.clever}</p>
                    <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                      <dt className="font-medium">Stored in</dt>
                      <dd>
                        <code>{field.column}</code>
                      </dd>
                      <dt className="font-medium">Why</dt>
                      <dd>{field.purpose}</dd>
                      <dt className="font-medium">How long</dt>
                      <dd>{kept}</dd>
                      <dt className="font-medium">Deletion</dt>
                      <dd>{deleted}</dd>
                    </dl>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="requests" className="flex flex-col gap-2">
        <h2 id="requests" className="text-xl font-semibold">
          Questions and deletion requests
        </h2>
        <p>
          Write to{" "}
          <a className={link} href={`mailto:${email}`}>
            {email}
          </a>
          . Schools and districts may ask us to delete any account and the data tied to it. After a deletion we keep only the
          person&apos;s Clever ID, so that our syncs with Clever do not create the account again while the school still shares
          them; the account comes back only if the school asks us to allow it.
        </p>
      </section>
    </main>
  );
}
