// Live updates: the service's change stream (Server-Sent Events). EventSource resends Last-Event-ID and
// reconnects by itself after a dropped connection; when the browser gives up (a closed source), we start over.
export interface ChangeMessage {
  id: string;
  pair: string;
  dimension: string;
  side: string | null;
  before: string | null;
  after: string | null;
  validFrom: string | null;
}

export type LiveStatus = "connecting" | "live" | "reconnecting";

export function follow(onChange: (change: ChangeMessage) => void, onStatus: (status: LiveStatus) => void): void {
  let delay = 1000;
  const open = () => {
    onStatus("connecting");
    const source = new EventSource("/notifications/stream");
    source.onopen = () => {
      delay = 1000;
      onStatus("live");
    };
    source.addEventListener("relationship-changed", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data);
      onChange({
        id: (e as MessageEvent).lastEventId,
        pair: String(data.pair ?? ""),
        dimension: String(data.dimension ?? ""),
        side: data.side ?? null,
        before: data.before ?? null,
        after: data.after ?? null,
        validFrom: data.validFrom?.value ?? data.validFrom ?? null,
      });
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 30000);
      }
      onStatus("reconnecting");
    };
  };
  open();
}
