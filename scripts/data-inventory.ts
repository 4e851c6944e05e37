// npm run data-inventory: the Clever data this app stores, as Markdown, for
// Clever's data sharing agreement (LIG-M7). The same list as /privacy
// (lib/privacy/inventory.ts), with this deployment's settings.
import { formatEnvErrors, publicFactsSchema } from "@/lib/platform/env";
import { inventoryMarkdown, retentionFactsOf } from "@/lib/privacy/inventory";

const parsed = publicFactsSchema.safeParse(process.env);
if (!parsed.success) {
  for (const line of formatEnvErrors(parsed.error)) console.error(line);
  process.exit(1);
}
const facts = parsed.data;
process.stdout.write(
  inventoryMarkdown(
    retentionFactsOf(facts),
    { name: facts.COMPANY_NAME, email: facts.COMPANY_CONTACT_EMAIL },
  ),
);
