export function VersionEditor() {
  return <div>VersionEditor</div>;
}
