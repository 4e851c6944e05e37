// First-login onboarding: the profile form's defaults and its save.
export { profileFromForm, profileSchema, saveProfile } from "./profile";
export { profileFormData } from "./queries";
export type { ProfileDefaults } from "./queries";
