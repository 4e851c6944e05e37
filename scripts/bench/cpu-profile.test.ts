import { describe, expect, it } from "vitest";
import { cpuByPackage, packageOf, type CpuProfile } from "./cpu-profile";

describe("CPU profile summary", () => {
  it("names the package of a script", () => {
    expect(packageOf("file:///app/node_modules/@prisma/client/runtime/client.js")).toBe("@prisma/client");
    expect(packageOf("file:///app/node_modules/next/dist/compiled/next-server/app-page.runtime.prod.js")).toBe("next (compiled next-server)");
    expect(packageOf("file:///app/node_modules/next/dist/server/base-server.js")).toBe("next");
    expect(packageOf("file:///app/.next/server/chunks/ssr/abc._.js")).toMatch(/^app build/);
    expect(packageOf("wasm://wasm/0077")).toMatch(/Prisma query compiler/);
    expect(packageOf("node:net")).toBeUndefined();
    expect(packageOf("")).toBeUndefined();
  });

  it("charges native frames to the nearest package caller and keeps idle apart", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 5] },
        { id: 2, callFrame: frame("submit", "file:///app/node_modules/pg/lib/query.js"), children: [3] },
        { id: 3, callFrame: frame("_writeGeneric", "node:net"), children: [4] },
        { id: 4, callFrame: frame("writev", ""), children: [] },
        { id: 5, callFrame: frame("(idle)", ""), children: [] },
      ],
      samples: [4, 4, 2, 5],
      timeDeltas: [1000, 1000, 500, 4000],
    };
    expect(cpuByPackage(profile)).toEqual([
      { name: "(idle)", ms: 4 },
      { name: "pg", ms: 2.5 },
    ]);
  });
});
