"use client";
// The Library teacher's school picker (LIG-10): an ARIA combobox over the
// app's schools and the bundled public-school directory. Before JavaScript
// runs (or without it) it is a plain GET search form whose results are radio
// buttons; either way the choice is submitted with the onboarding form
// through the `form` attribute.
import { useRef, useState, useSyncExternalStore } from "react";
import { FieldError } from "@/components/ui/form-message";
import { button, hint, input, label } from "@/components/ui/styles";
import type { SchoolOption } from "@/lib/schools";

/** A school as the picker offers it (the directory's search result). */
export type PickerOption = SchoolOption;

const OTHER = "other";
const keyOf = (option: PickerOption | typeof OTHER) => (option === OTHER ? OTHER : option.value);
const place = (o: PickerOption) => [o.city, o.state].filter(Boolean).join(", ");
const noop = () => () => {};

export function SchoolPicker(props: {
  formId: string;
  searchAction: string;
  hiddenFields?: Record<string, string>;
  query: string;
  results: PickerOption[];
  selected: PickerOption | null;
  initialValue: string;
  enteredName: string;
  errors?: string[];
}) {
  const hydrated = useSyncExternalStore(noop, () => true, () => false);
  const searchBox = useRef<HTMLInputElement>(null);
  const [options, setOptions] = useState<PickerOption[]>(props.results);
  const [open, setOpen] = useState(false);
  // The highlighted option by its value, not its position, so results that
  // arrive while the user is moving through the list keep their highlight.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [value, setValue] = useState(props.initialValue);
  const [selected, setSelected] = useState<PickerOption | null>(props.selected);
  const [status, setStatus] = useState("");
  // A new pick answers the server's "pick your school" error; a new error shows again.
  const [answered, setAnswered] = useState<string[] | undefined>(undefined);
  const errors = props.errors !== answered ? props.errors : undefined;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | undefined>(undefined);
  const nameInput = useRef<HTMLInputElement>(null);
  const all: (PickerOption | typeof OTHER)[] = [...options, OTHER];
  const active = activeKey === null ? -1 : all.findIndex((option) => keyOf(option) === activeKey);
  const highlight = (index: number) => setActiveKey(index < 0 ? null : keyOf(all[index] ?? OTHER));

  function search(query: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      try {
        const response = await fetch(`/onboarding/schools?q=${encodeURIComponent(query)}`, { signal: controller.signal });
        const body = (await response.json()) as { options?: PickerOption[] };
        const found = body.options ?? [];
        setOptions(found);
        setOpen(true);
        setStatus(query.trim() === "" ? "" : `${found.length} ${found.length === 1 ? "school" : "schools"} found.`);
      } catch {
        // A newer search replaced this one, or the network blinked: keep what is shown.
      }
    }, 200);
  }

  function choose(option: PickerOption | typeof OTHER) {
    setAnswered(props.errors);
    setOpen(false);
    setActiveKey(null);
    if (option === OTHER) {
      setValue(OTHER);
      setSelected(null);
      setTimeout(() => nameInput.current?.focus(), 0);
      return;
    }
    setValue(option.value);
    setSelected(option);
    if (searchBox.current) searchBox.current.value = option.name;
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      highlight(Math.min(active + 1, all.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = all[active];
      if (open && option !== undefined) choose(option);
      else search(event.currentTarget.value);
    } else if (event.key === "Escape") {
      setOpen(false);
      setActiveKey(null);
    }
  }

  const optionId = (i: number) => `school-option-${i}`;
  const describedBy = "school-selected school-error";

  return (
    <form
      role="search"
      aria-labelledby="school-heading"
      action={props.searchAction}
      method="get"
      className="flex flex-col gap-2"
      onSubmit={
        hydrated
          ? (event) => {
              event.preventDefault();
              search(searchBox.current?.value ?? "");
            }
          : undefined
      }
    >
      <h2 id="school-heading" className="text-lg font-semibold">
        Your school
      </h2>
      <p className={hint}>Clever doesn&apos;t tell us the school of teachers who add apps from the Clever Library. Type its name or city.</p>
      {Object.entries(props.hiddenFields ?? {}).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <label htmlFor="school-search" className={label}>
        School name or city
      </label>
      <div className="relative flex gap-2">
        <input
          id="school-search"
          name="school_q"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={hydrated && open}
          aria-controls="school-listbox"
          aria-activedescendant={hydrated && open && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={errors?.length ? true : undefined}
          autoComplete="off"
          data-ready={hydrated ? "true" : undefined}
          className={input}
          ref={searchBox}
          // Uncontrolled, and onInput rather than onChange: every input event
          // searches, however the value got there (typing, paste, autofill).
          defaultValue={props.query || props.selected?.name || ""}
          onInput={(event) => search(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <button type="submit" className={button.secondary}>
          Search
        </button>
      </div>
      <ul
        id="school-listbox"
        role="listbox"
        aria-label="Schools"
        hidden={!(hydrated && open)}
        className="max-h-72 overflow-y-auto rounded-md border border-slate-300 bg-white shadow-lg dark:border-slate-600 dark:bg-slate-900"
      >
        {all.map((option, i) => (
          <li
            key={option === OTHER ? OTHER : option.value}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={`cursor-pointer px-3 py-2 ${i === active ? "bg-brand-100 dark:bg-slate-700" : ""}`}
          >
            {option === OTHER ? (
              <span className="font-medium">My school isn&apos;t listed</span>
            ) : (
              <>
                <span className="block break-words" dir="auto">
                  {option.name}
                </span>
                <span className={`block ${hint}`}>{place(option)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="sr-only" aria-live="polite">
        {status}
      </p>

      {hydrated ? (
        <input type="hidden" name="school" form={props.formId} value={value} />
      ) : (
        <fieldset className="flex flex-col gap-1">
          <legend className="sr-only">Pick your school</legend>
          {props.results.map((o) => (
            <label key={o.value} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="school" form={props.formId} value={o.value} defaultChecked={o.value === props.initialValue} />
              <span dir="auto">
                {o.name} <span className={hint}>({place(o)})</span>
              </span>
            </label>
          ))}
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="school" form={props.formId} value={OTHER} defaultChecked={props.initialValue === OTHER} />
            My school isn&apos;t listed
          </label>
        </fieldset>
      )}

      <p id="school-selected" aria-live="polite" className="font-medium" data-testid="school-selected">
        {selected ? (
          <>
            Selected: <span dir="auto">{selected.name}</span> ({place(selected)})
          </>
        ) : value === OTHER ? (
          "My school isn't listed: type its name below."
        ) : (
          ""
        )}
      </p>
      {!hydrated || value === OTHER ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="school-name-entered" className={label}>
            {hydrated ? "Your school's name" : "If your school isn't listed, its name"}
          </label>
          <input ref={nameInput} id="school-name-entered" name="schoolNameEntered" form={props.formId} defaultValue={props.enteredName} className={input} maxLength={200} />
        </div>
      ) : null}
      <FieldError id="school-error" errors={errors} />
    </form>
  );
}
