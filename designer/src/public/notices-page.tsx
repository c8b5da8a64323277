export function NoticesPage() {
  return <div>NoticesPage</div>;
}
