import "server-only";
import { env } from "@/lib/platform";
import { retentionFactsOf, type RetentionFacts } from "./inventory";

/** Who operates this deployment, as configured (COMPANY_NAME, COMPANY_CONTACT_EMAIL). */
export function company(): { name: string; email: string } {
  const config = env();
  return { name: config.COMPANY_NAME, email: config.COMPANY_CONTACT_EMAIL };
}

/** Retention facts of this deployment's settings. */
export function retentionFacts(): RetentionFacts {
  return retentionFactsOf(env());
}
