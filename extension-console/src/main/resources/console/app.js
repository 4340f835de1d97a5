import {Broker} from './broker.js';
import {clear, showStatus} from './dom.js';
import * as devices from './devices.js';
import * as device from './device.js';
import * as firmware from './firmware.js';
import * as tracking from './tracking.js';
import * as buckets from './buckets.js';

const routes = {devices, device, firmware, tracking, buckets};
const main = document.getElementById('main');
const viewRoot = document.createElement('div');
main.append(viewRoot);
const loginSection = document.getElementById('login');
const loginStatus = document.getElementById('login-status');
let settings = null;
let broker = null;
let cleanup = null;

async function loadSettings() {
    const response = await fetch('config.json', {cache: 'no-store'});
    settings = await response.json();
}

document.getElementById('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const appId = document.getElementById('app-id').value.trim();
    const secretInput = document.getElementById('app-secret');
    const button = document.getElementById('login-button');
    button.disabled = true;
    showStatus(loginStatus, 'connecting…');
    try {
        if (!settings) {
            await loadSettings();
        }
        if (!settings.websocketUrls.length) {
            throw new Error('the broker has no WebSocket listener');
        }
        const candidate = new Broker(settings.websocketUrls[0], appId);
        await candidate.connect(secretInput.value);
        secretInput.value = '';
        broker = candidate;
        broker.onStatus(connected => {
            document.getElementById('connection').className = 'dot ' + (connected ? 'online' : 'offline');
            if (!connected) {
                logout('The connection to the broker was lost. Log in again.');
            }
        });
        enter();
    } catch (e) {
        showStatus(loginStatus, e.message || String(e), 'error');
    } finally {
        button.disabled = false;
    }
});

document.getElementById('logout').addEventListener('click', () => logout(''));

function enter() {
    loginSection.hidden = true;
    document.getElementById('nav').hidden = false;
    document.getElementById('session').hidden = false;
    document.getElementById('account').textContent = broker.account;
    document.getElementById('connection').className = 'dot online';
    if (!location.hash || location.hash === '#' || location.hash === '#/') {
        location.hash = '#/devices';
    } else {
        route();
    }
}

function logout(message) {
    if (cleanup) {
        cleanup();
        cleanup = null;
    }
    if (broker) {
        const old = broker;
        broker = null;
        old.disconnect();
    }
    document.getElementById('nav').hidden = true;
    document.getElementById('session').hidden = true;
    viewRoot.replaceChildren();
    loginSection.hidden = false;
    showStatus(loginStatus, message, message ? 'error' : '');
}

function route() {
    if (!broker) {
        return;
    }
    if (cleanup) {
        cleanup();
        cleanup = null;
    }
    const [name, ...rest] = location.hash.replace(/^#\//, '').split('/');
    const view = routes[name] || devices;
    document.querySelectorAll('#nav a').forEach(link =>
        link.classList.toggle('active', link.getAttribute('href') === `#/${name === 'device' ? 'devices' : name}`));
    const container = document.createElement('div');
    clear(viewRoot, container);
    cleanup = view.render({broker, settings}, container, rest.map(decodeURIComponent)) || null;
}

window.addEventListener('hashchange', route);
loadSettings().catch(() => showStatus(loginStatus, 'cannot read config.json from the console', 'error'));
