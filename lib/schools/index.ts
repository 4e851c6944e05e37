// The school picker: search and the stored choice.
export { isPickableSchool, parseSchoolValue, schoolOption, schoolValue, searchSchools } from "./queries";
export type { SchoolOption } from "./queries";
