// The console's only way to the broker: MQTT over WebSocket as the logged-in application, with the application
// API (users/<account>/api/<service>/request/<id>, answers on .../response/<id>) and the account's event stream
// (users/<account>/devices/<device>/<event>). The broker authorizes every request as for any application.

let sequence = 0;

export class Broker {
    constructor(url, account) {
        this.url = url;
        this.account = account;
        this.pending = new Map();
        this.eventListeners = new Set();
        this.statusListeners = new Set();
        this.prefix = `users/${account}/`;
        this.client = null;
    }

    /** Connects with the AppSecret, which is handed to the MQTT client and kept nowhere else. */
    connect(secret) {
        const clientId = `${this.account}/console-${Math.random().toString(36).slice(2, 12)}`;
        this.client = new Paho.Client(this.url, clientId);
        this.client.onMessageArrived = message => this.arrived(message);
        this.client.onConnectionLost = response => this.lost(response);
        return new Promise((resolve, reject) => {
            this.client.connect({
                userName: this.account,
                password: secret,
                mqttVersion: 4,
                cleanSession: true,
                keepAliveInterval: 30,
                timeout: 10,
                onSuccess: () => this.subscribe().then(resolve, reject),
                onFailure: response => reject(new Error(connectError(response))),
            });
        });
    }

    subscribe() {
        // Responses reach the requester anyway; the subscription makes that independent of the broker's reply
        // subscription. Events of every device of the account, once each (users/<account>/devices carries the
        // same events again).
        const filters = [`${this.prefix}api/+/response/+`, `${this.prefix}devices/+/+`];
        return Promise.all(filters.map(filter => new Promise((resolve, reject) => this.client.subscribe(filter, {
            qos: 1,
            onSuccess: resolve,
            onFailure: () => reject(new Error(`subscription to ${filter} refused`)),
        }))));
    }

    disconnect() {
        // a deliberate disconnect is no lost connection
        this.statusListeners.clear();
        if (this.client && this.client.isConnected()) {
            this.client.disconnect();
        }
        this.client = null;
    }

    /** Resolves with the op's result, rejects with {code, message}. */
    request(service, op, args = {}, timeoutMs = 20000) {
        const id = `c${Date.now().toString(36)}${(++sequence).toString(36)}`;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject({code: 'timeout', message: `no answer to ${service} ${op} within ${timeoutMs / 1000} s`});
            }, timeoutMs);
            this.pending.set(id, {resolve, reject, timer});
            const message = new Paho.Message(JSON.stringify({op, args}));
            message.destinationName = `${this.prefix}api/${service}/request/${id}`;
            message.qos = 1;
            try {
                this.client.send(message);
            } catch (e) {
                clearTimeout(timer);
                this.pending.delete(id);
                reject({code: 'unavailable', message: 'not connected to the broker'});
            }
        });
    }

    onEvent(listener) {
        this.eventListeners.add(listener);
        return () => this.eventListeners.delete(listener);
    }

    onStatus(listener) {
        this.statusListeners.add(listener);
    }

    arrived(message) {
        const topic = message.destinationName;
        if (!topic.startsWith(this.prefix)) {
            return;
        }
        let body;
        try {
            body = JSON.parse(message.payloadString);
        } catch (e) {
            return;
        }
        const parts = topic.slice(this.prefix.length).split('/');
        if (parts[0] === 'api' && parts[2] === 'response') {
            const call = this.pending.get(parts.slice(3).join('/'));
            if (call) {
                this.pending.delete(parts.slice(3).join('/'));
                clearTimeout(call.timer);
                body.ok ? call.resolve(body.result) : call.reject(body.error || {code: 'internal', message: '?'});
            }
        } else if (parts[0] === 'devices') {
            this.eventListeners.forEach(listener => listener(body));
        }
    }

    lost(response) {
        for (const call of this.pending.values()) {
            clearTimeout(call.timer);
            call.reject({code: 'unavailable', message: 'connection to the broker lost'});
        }
        this.pending.clear();
        this.statusListeners.forEach(listener => listener(false, response.errorMessage));
    }
}

function connectError(response) {
    // Paho reports a refused CONNECT as "AMQJS0006E Bad Connect return code:5 Not Authorized."
    const text = response.errorMessage || `error ${response.errorCode}`;
    return /return code:\s*[45]/.test(text) ? 'AppID or AppSecret not accepted by the broker' : text;
}
