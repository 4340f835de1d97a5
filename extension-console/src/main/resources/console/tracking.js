import {clear, errorText, h, localInput, showStatus, table, time} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** iotBind trackers with their last position, a track of their history on a plain plot, groups and families. */
export function render({broker}, root) {
    const request = (op, args = {}) => broker.request('tracking', op, args);
    const trackerBody = h('tbody', {id: 'tracker-rows'});
    const status = h('p', {class: 'status', id: 'tracking-status'});
    const plot = h('div', {id: 'track-plot'});
    const plotTitle = h('h2', {}, 'Track');
    const from = h('input', {type: 'datetime-local', id: 'track-from', value: localInput(Date.now() - 86400000)});
    const to = h('input', {type: 'datetime-local', id: 'track-to', value: localInput(Date.now() + 60000)});
    const families = h('div', {id: 'families'});
    let selected = null;

    const trackers = table(['uid', 'name', 'type', 'connected', 'last position', 'last seen'], []);
    trackers.querySelector('tbody').replaceWith(trackerBody);
    clear(root,
        h('section', {class: 'panel'}, h('h1', {}, 'Tracking'), trackers, status),
        h('section', {class: 'panel'}, plotTitle,
            h('form', {class: 'row', onsubmit: event => {
                event.preventDefault();
                showTrack();
            }}, h('label', {}, 'From', from), h('label', {}, 'To', to),
            h('button', {type: 'submit'}, 'Show')), plot),
        h('section', {class: 'panel'}, h('h2', {}, 'Families and groups'), families));

    async function load() {
        try {
            const result = await request('device.list', {limit: 1000});
            clear(trackerBody, result.devices.map(tracker => {
                const doc = tracker.document || {};
                return h('tr', {dataset: {uid: tracker.uid}},
                    h('td', {}, h('a', {href: '#/tracking', onclick: event => {
                        event.preventDefault();
                        selected = tracker.uid;
                        showTrack();
                    }}, tracker.uid)),
                    h('td', {}, tracker.name || ''), h('td', {}, tracker.type || ''),
                    h('td', {}, h('span', {class: 'dot ' + (tracker.connected ? 'online' : 'offline')})),
                    h('td', {class: 'num'}, doc.latitude !== undefined && doc.latitude !== null
                        ? `${doc.latitude}, ${doc.longitude}` : '–'),
                    h('td', {}, time(tracker.lastSeen)));
            }));
            showStatus(status, result.devices.length ? '' : 'no trackers yet');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
        try {
            const result = await request('family.list');
            const blocks = [];
            for (const family of result.families) {
                const groups = await request('group.list', {family: family.family});
                blocks.push(h('div', {}, h('h3', {}, `${family.family} (${family.source})`),
                    groups.groups.length ? table(['group', 'devices'], groups.groups.map(g =>
                        h('tr', {}, h('td', {}, g.group), h('td', {}, g.devices.join(', ')))))
                        : h('p', {class: 'hint'}, 'no groups')));
            }
            clear(families, blocks.length ? blocks : h('p', {class: 'hint'}, 'no families'));
        } catch (e) {
            clear(families, h('p', {class: 'error'}, errorText(e)));
        }
    }

    async function showTrack() {
        if (!selected) {
            return;
        }
        plotTitle.textContent = `Track of ${selected}`;
        try {
            const positions = [];
            const args = {uid: selected, from: new Date(from.value).getTime(), to: new Date(to.value).getTime(),
                limit: 1000};
            for (let page = 0; page < 10; page++) {
                const result = await request('history', args);
                positions.push(...result.positions);
                if (!result.cursor) {
                    break;
                }
                args.cursor = result.cursor;
            }
            clear(plot, track(positions.reverse()));
        } catch (e) {
            clear(plot, h('p', {class: 'error'}, errorText(e)));
        }
    }

    load();
}

/** Longitude on x, latitude on y, scaled to the track's own bounds: a plain plot, no map tiles. */
function track(positions) {
    const points = positions.map(p => [Number(p.longitude), Number(p.latitude)])
        .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'track');
    svg.setAttribute('viewBox', '0 0 1000 600');
    svg.dataset.points = String(points.length);
    if (!points.length) {
        svg.append(text(20, 30, 'no positions in this time range'));
        return svg;
    }
    const xs = points.map(p => p[0]);
    const ys = points.map(p => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const span = Math.max(maxX - minX, maxY - minY, 1e-6);
    const scale = ([x, y]) => [40 + (x - minX) / span * 920, 560 - (y - minY) / span * 520];
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.map(p => scale(p).map(v => v.toFixed(1)).join(',')).join(' '));
    svg.append(line);
    const [lastX, lastY] = scale(points[points.length - 1]);
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', lastX.toFixed(1));
    dot.setAttribute('cy', lastY.toFixed(1));
    dot.setAttribute('r', '6');
    svg.append(dot,
        text(40, 590, `lon ${minX.toFixed(5)} … ${(minX + span).toFixed(5)}`),
        text(600, 590, `lat ${minY.toFixed(5)} … ${(minY + span).toFixed(5)}`),
        text(40, 20, `${points.length} positions, last at the red dot`));
    return svg;
}

function text(x, y, content) {
    const el = document.createElementNS(SVG, 'text');
    el.setAttribute('x', x);
    el.setAttribute('y', y);
    el.textContent = content;
    return el;
}
