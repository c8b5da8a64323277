export function DesignerHome() {
  return <div>DesignerHome</div>;
}
