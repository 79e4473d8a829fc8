/** One progress reporter for every long job: a TTY bar with rate and ETA, or JSON lines. */
export interface Progress {
  /** Adds `n` units of done work (default 1). */
  tick(n?: number): void;
  /** Sets the absolute amount done. */
  update(done: number): void;
  /** Changes the stage label (e.g. "tokenize" -> "sort"). */
  stage(label: string, total?: number): void;
  done(): void;
}

export type ProgressMode = 'tty' | 'json' | 'silent';

export interface ProgressOptions {
  label: string;
  total?: number;
  unit?: string;
  mode?: ProgressMode;
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Minimum milliseconds between renders. */
  intervalMs?: number;
}

/** Picks tty when stderr is a terminal, silent otherwise, unless a mode is given. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode: ProgressMode = options.mode ?? ((stream as { isTTY?: boolean }).isTTY ? 'tty' : 'silent');
  const unit = options.unit ?? 'items';
  const intervalMs = options.intervalMs ?? (mode === 'json' ? 1000 : 100);
  let label = options.label;
  let total = options.total;
  let doneCount = 0;
  let stageStart = Date.now();
  let lastRender = 0;

  const render = (final: boolean): void => {
    const now = Date.now();
    if (!final && now - lastRender < intervalMs) return;
    lastRender = now;
    const elapsed = Math.max((now - stageStart) / 1000, 1e-9);
    const rate = doneCount / elapsed;
    const eta = total !== undefined && rate > 0 ? Math.max(total - doneCount, 0) / rate : undefined;
    if (mode === 'json') {
      stream.write(
        `${JSON.stringify({ event: final ? 'done' : 'progress', stage: label, done: doneCount, total: total ?? null, rate: Number(rate.toFixed(2)), unit, etaSeconds: eta === undefined ? null : Number(eta.toFixed(1)) })}\n`,
      );
      return;
    }
    if (mode !== 'tty') return;
    const width = 28;
    const frac = total ? Math.min(doneCount / total, 1) : 0;
    const bar = total ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${(frac * 100).toFixed(1)}%` : '';
    const etaText = eta === undefined ? '' : ` eta ${formatSeconds(eta)}`;
    stream.write(`\r\x1b[2K${label} ${bar} ${formatCount(doneCount)}${total ? `/${formatCount(total)}` : ''} ${unit} ${formatCount(rate)}/s${etaText}${final ? '\n' : ''}`);
  };

  return {
    tick(n = 1) {
      doneCount += n;
      render(false);
    },
    update(value) {
      doneCount = value;
      render(false);
    },
    stage(next, nextTotal) {
      render(true);
      label = next;
      total = nextTotal;
      doneCount = 0;
      stageStart = Date.now();
    },
    done() {
      render(true);
    },
  };
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${Math.round((s % 3600) / 60)}m`;
}
