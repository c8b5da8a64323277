export function CasePage() {
  return <div>CasePage</div>;
}
