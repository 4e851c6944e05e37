// Names in a sentence, "Ava Lee, Ben Ode": each isolated (dir="auto") so a
// right-to-left name cannot reorder its neighbours or the commas.

export function NameList({ names }: { names: readonly string[] }) {
  return names.map((name, i) => (
    // The list is rendered once on the server and never reordered: the index is a stable key.
    <span key={i}>
      {i > 0 ? ", " : ""}
      <span dir="auto">{name}</span>
    </span>
  ));
}
