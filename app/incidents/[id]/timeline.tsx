import { formatTimestamp } from "@/lib/format-time";
import type { IncidentTimelineEvent, Jsonified } from "@/lib/incidents/schemas";

export function Timeline({ events }: { events: Jsonified<IncidentTimelineEvent>[] }) {
  return (
    <ul className="timeline panel" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} data-kind={event.kind}>
          <span className="mono subtle">{formatTimestamp(new Date(event.at))}</span>
          <span className="mono">{event.kind}</span>
          <span>
            {event.text}
            {event.actor !== "faultline" && !event.text.includes(event.actor) ? (
              <span className="subtle"> — {event.actor}</span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
