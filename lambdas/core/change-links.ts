/** Where a change is shown on the web page: the API's links and the alert emails use the same address. */
export function changePageUrl(base: string, changeId: string): string {
  return `${base.replace(/\/+$/, '')}/?change=${encodeURIComponent(changeId)}`;
}
