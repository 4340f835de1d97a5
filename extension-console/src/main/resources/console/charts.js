// Charts with uPlot (loaded as vendor/uPlot.iife.min.js): time on x in seconds, one series per numeric key.

const COLORS = ['#c77c02', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function timeChart(container, keys, data, title) {
    const width = Math.max(container.clientWidth || 600, 300);
    const options = {
        title,
        width,
        height: 240,
        series: [{}].concat(keys.map((key, i) => ({label: key, stroke: COLORS[i % COLORS.length], width: 2,
            spanGaps: true}))),
        axes: [{}, {}],
    };
    container.replaceChildren();
    return new uPlot(options, data, container);
}

/** A live chart: values are pushed as events arrive; it keeps the latest points of each key. */
export class LiveChart {
    constructor(container, maxPoints = 300) {
        this.container = container;
        this.maxPoints = maxPoints;
        this.keys = [];
        this.points = [];
        this.plot = null;
    }

    push(ts, values) {
        const numeric = Object.entries(values).filter(([, value]) => typeof value === 'number');
        if (!numeric.length) {
            return;
        }
        let rebuild = false;
        for (const [key] of numeric) {
            if (!this.keys.includes(key)) {
                this.keys.push(key);
                rebuild = true;
            }
        }
        const row = {ts: ts / 1000, values: Object.fromEntries(numeric)};
        this.points.push(row);
        this.points.sort((a, b) => a.ts - b.ts);
        if (this.points.length > this.maxPoints) {
            this.points.shift();
        }
        const data = [this.points.map(p => p.ts)]
            .concat(this.keys.map(key => this.points.map(p => key in p.values ? p.values[key] : null)));
        if (rebuild || !this.plot) {
            if (this.plot) {
                this.plot.destroy();
            }
            this.plot = timeChart(this.container, this.keys, data, 'live');
        } else {
            this.plot.setData(data);
        }
        this.container.dataset.points = String(this.points.length);
    }

    destroy() {
        if (this.plot) {
            this.plot.destroy();
        }
    }
}
