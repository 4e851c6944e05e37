// The local Clever of the district benchmark, in a process of its own (its
// 50,000-student districts in memory must not count toward the worker's RSS):
// the generated district (seed 1) and a second one of the same size (seed 2;
// `--districts 1` leaves it out), both part of the seed and connected to the
// demo app. Prints one JSON line, {url, districts}, once it listens; SIGTERM
// closes it.
//
//   tsx scripts/bench/district-sandbox.ts --students 50000 [--districts 1]
import { generateDistrict, generatedDistrictId } from "../../sandbox/generated-district";
import { createSandbox } from "../../sandbox/server";
import { DEMO_APP } from "../../sandbox/test/helpers";
import type { CleverObject, Kind } from "../../sandbox/types";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const students = arg("students", 50_000);
const seeds = arg("districts", 2) === 1 ? ([1] as const) : ([1, 2] as const);

const sandbox = await createSandbox({ port: 0, mode: "test", apps: [DEMO_APP], generatedDistrict: { students, seed: seeds[0] } });
// The sandbox generates one district; the second is loaded the same way
// (generated-district.ts seedGeneratedDistrict) after the first, on every reset.
const first = sandbox.store.extraSeed;
const secondSeed = seeds[1];
if (secondSeed !== undefined) {
  sandbox.store.extraSeed = (store) => {
    first?.(store);
    const second = generateDistrict({ students, seed: secondSeed });
    for (const [kind, list] of Object.entries(second.data) as [Kind, CleverObject[]][]) for (const record of list) store.data[kind].set(record.id, record);
    for (const term of second.terms) store.v3Only.terms.set(term.id, term);
    for (const app of store.apps.values()) store.connect(generatedDistrictId(secondSeed), app.client_id);
  };
  sandbox.reset();
}
console.log(JSON.stringify({ url: sandbox.url, districts: seeds.map(generatedDistrictId) }));

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
