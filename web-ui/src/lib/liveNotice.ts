// The line under the Live toolbar: how many messages arrived, whether the view is paused, and how many the gateway
// dropped because the page read too slowly (its 'dropped' frames).

export function liveNotice(received: number, paused: boolean, dropped: number): string {
  const parts = [`${received} received`];
  if (paused) parts.push('paused: new messages are counted, not shown');
  if (dropped > 0) parts.push(`${dropped} dropped by the gateway because this page read too slowly`);
  return parts.join(' · ');
}
