// Which subscribed topics carry which readings: MQTT topic filters, their wildcard matches, and sensor-id templates.
import { ShopfloorError } from '@shopfloor/contracts';

/**
 * One subscription. Without `sensor` the payload names its sensors ({sensor,time,value} or an array of
 * them); with it the topic is the sensor: `sensor` is a template where {1}, {2}... stand for the levels
 * the filter's wildcards matched and {topic} for the whole topic, and the payload is {time,value},
 * an array of them, or a bare number (read at receive time).
 */
export interface TopicRoute {
  filter: string;
  sensor?: string;
}

/** A filter level is a name, `+` (one level) or a final `#` (any levels, including none). */
export function validFilter(filter: string): boolean {
  if (filter === '' || filter.length > 1024) return false;
  const levels = filter.split('/');
  return levels.every((level, i) => (level.includes('+') ? level === '+' : true) && (level.includes('#') ? level === '#' && i === levels.length - 1 : true));
}

/** The levels the wildcards matched, in order (`#` contributes the rest joined by `/`), or null when the topic does not match. */
export function matchTopic(filter: string, topic: string): string[] | null {
  const f = filter.split('/');
  const t = topic.split('/');
  const captured: string[] = [];
  for (let i = 0; i < f.length; i++) {
    const level = f[i]!;
    if (level === '#') {
      // MQTT: a topic starting with $ is not matched by a leading wildcard.
      if (i === 0 && topic.startsWith('$')) return null;
      captured.push(t.slice(i).join('/'));
      return captured;
    }
    const part = t[i];
    if (part === undefined) return null;
    if (level === '+') {
      if (i === 0 && part.startsWith('$')) return null;
      captured.push(part);
    } else if (level !== part) return null;
  }
  return f.length === t.length ? captured : null;
}

/** The sensor id a topic-per-sensor route gives a topic; null when the template names a wildcard the filter lacks. */
export function sensorFor(template: string, topic: string, captured: readonly string[]): string | null {
  let missing = false;
  const id = template.replace(/\{(\d+|topic)\}/g, (_m, key: string) => {
    if (key === 'topic') return topic;
    const v = captured[Number(key) - 1];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing || id === '' ? null : id;
}

/** The first route whose filter matches (routes are tried in configured order). */
export function routeFor(routes: readonly TopicRoute[], topic: string): { route: TopicRoute; captured: string[] } | null {
  for (const route of routes) {
    const captured = matchTopic(route.filter, topic);
    if (captured !== null) return { route, captured };
  }
  return null;
}

/**
 * Parses `filter` or `filter=sensor-template` entries (SHOPFLOOR_MQTT_INGEST_TOPICS, comma-separated):
 * `plant/readings/#,plant/+/torque={1}.torque`. CONFIG_INVALID names the variable and the entry.
 */
export function parseTopicRoutes(text: string, variable: string): TopicRoute[] {
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) throw new ShopfloorError('CONFIG_INVALID', `${variable} names no topic filter`, { variable, value: text });
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    const filter = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const sensor = eq < 0 ? undefined : entry.slice(eq + 1).trim();
    if (!validFilter(filter)) {
      throw new ShopfloorError('CONFIG_INVALID', `${variable}: "${filter}" is not an MQTT topic filter ("+" stands for a whole level, "#" only last)`, { variable, value: entry });
    }
    if (sensor !== undefined) {
      const wildcards = filter.split('/').filter((l) => l === '+' || l === '#').length;
      const refs = [...sensor.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
      if (sensor === '' || refs.some((r) => r < 1 || r > wildcards)) {
        throw new ShopfloorError('CONFIG_INVALID', `${variable}: the sensor template "${sensor}" of "${filter}" must be non-empty and name only {1}..{${wildcards}} or {topic}`, { variable, value: entry });
      }
    }
    return sensor === undefined ? { filter } : { filter, sensor };
  });
}
