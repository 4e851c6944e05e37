// Runs once when the server starts. The check lives in a Node-only module.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigurationAtStartup } = await import("@/lib/platform/startup");
    checkConfigurationAtStartup();
  }
}
