// Terms of service (LIG-M6): template text the deploying company completes
// through COMPANY_NAME and COMPANY_CONTACT_EMAIL; not legal advice.
import type { Metadata } from "next";
import Link from "next/link";
import { link, pageTitle } from "@/components/ui/styles";
import { company, PRIVACY_PATH } from "@/lib/privacy";

export const metadata: Metadata = { title: "Terms of Service" };

export default function TermsPage() {
  const { name, email } = company();
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-12">
      <h1 className={pageTitle}>Terms of Service</h1>
      <p>
        These terms cover Clever Classroom, provided by {name}. By signing in you agree to them on behalf of yourself or your school.
      </p>
      <h2 className="text-xl font-semibold">Using the app</h2>
      <ul className="list-disc pl-6">
        <li>Teachers who add the app from the Clever Library get a free trial; districts that share it with their schools get the full product.</li>
        <li>Sign in only with your own Clever account, and use the app for school work.</li>
        <li>Your school or district controls which data Clever shares with us.</li>
      </ul>
      <h2 className="text-xl font-semibold">Your data</h2>
      <p>
        The{" "}
        <Link className={link} href={PRIVACY_PATH}>
          Privacy Policy
        </Link>{" "}
        lists every piece of data we store, why and for how long. Student data is never sold and never used for advertising.
      </p>
      <h2 className="text-xl font-semibold">Contact</h2>
      <p>
        Questions about these terms:{" "}
        <a className={link} href={`mailto:${email}`}>
          {email}
        </a>
        .
      </p>
    </main>
  );
}
