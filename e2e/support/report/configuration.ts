// The configuration the survey answers quote: the values the certified test
// stack ran with (.env.example, overridden by the environment), validated and
// defaulted by the app's own schema (lib/platform/env.ts), so the report cannot drift
// from what the app does.
import { envSchema } from "@/lib/platform/env";
import { DISTRICT_FULL_SYNC_HOURS } from "@/lib/roster/district/schedule";
import { testPorts, testStackEnv } from "../../../scripts/lib/test-stack";
import type { AppConfiguration } from "./answers";

export function answersConfiguration(): AppConfiguration {
  const values = testStackEnv(testPorts());
  const shape = envSchema.shape;
  return {
    idleMinutes: shape.SESSION_IDLE_MINUTES.parse(values.SESSION_IDLE_MINUTES),
    maxHours: shape.SESSION_MAX_HOURS.parse(values.SESSION_MAX_HOURS),
    trialDays: shape.TRIAL_DAYS.parse(values.TRIAL_DAYS),
    redirectUris: shape.CLEVER_REDIRECT_URIS.parse(values.CLEVER_REDIRECT_URIS),
    loginSyncFreshSeconds: shape.LOGIN_SYNC_FRESH_SECONDS.parse(values.LOGIN_SYNC_FRESH_SECONDS),
    cleverApiVersion: shape.CLEVER_API_VERSION.parse(values.CLEVER_API_VERSION),
    districtRostering: shape.DISTRICT_ROSTERING.parse(values.DISTRICT_ROSTERING),
    // A constant of the district sync, not a setting.
    districtFullSyncHours: DISTRICT_FULL_SYNC_HOURS,
    districtEventsPollSeconds: shape.DISTRICT_EVENTS_POLL_SECONDS.parse(values.DISTRICT_EVENTS_POLL_SECONDS),
    districtRetentionDays: shape.DISTRICT_RETENTION_DAYS.parse(values.DISTRICT_RETENTION_DAYS),
    districtHoldPercent: shape.DISTRICT_HOLD_PERCENT.parse(values.DISTRICT_HOLD_PERCENT),
    defaults: Object.fromEntries(settingsDeviations().map((deviation) => [deviation.name, deviation.production])),
  };
}

export interface SettingDeviation {
  name: string;
  /** What the certified test stack ran with. */
  tested: string;
  /** What a deployment gets when it sets nothing (lib/platform/env.ts's default). */
  production: string;
}

/** The settings of the certified run that differ from production's defaults:
 * every variable lib/platform/env.ts gives a default to, compared with the test
 * stack's value (each deviation says why in scripts/lib/test-stack.ts).
 * Variables without a default (secrets, URLs) are each deployment's own. */
export function settingsDeviations(): SettingDeviation[] {
  const values = testStackEnv(testPorts());
  return Object.entries(envSchema.shape).flatMap(([name, schema]): SettingDeviation[] => {
    const fallback = schema.safeParse(undefined);
    const tested = values[name];
    if (!fallback.success || fallback.data === undefined || tested === undefined) return [];
    const parsed = schema.safeParse(tested);
    if (parsed.success && JSON.stringify(parsed.data) === JSON.stringify(fallback.data)) return [];
    return [{ name, tested, production: Array.isArray(fallback.data) ? fallback.data.join(",") : String(fallback.data) }];
  });
}
