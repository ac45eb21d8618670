"""A lab instrument as our users run it today: paho-mqtt pinned to MQTT 3.1, connected until the broker closes it.

Usage: /usr/bin/python3 paho_mqttv31_client.py PORT CLIENT_ID USERNAME TOPIC
Subscribes to TOPIC, prints "subscribed" once the broker acknowledged it and "connection closed rc=N" when the
broker closes the connection, then exits 0; exits 1 after 60 seconds without that.
"""
import sys
import time

import paho.mqtt.client as mqtt

port, client_id, username, topic = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
closed = []


def on_connect(client, userdata, flags, rc):
    client.subscribe(topic, qos=1)


def on_subscribe(client, userdata, mid, granted_qos):
    print("subscribed", flush=True)


def on_disconnect(client, userdata, rc):
    print("connection closed rc=%d" % rc, flush=True)
    closed.append(rc)


client = mqtt.Client(client_id=client_id, clean_session=True, protocol=mqtt.MQTTv31)
client.username_pw_set(username)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_disconnect = on_disconnect
client.connect("127.0.0.1", port, 45)
client.loop_start()
deadline = time.time() + 60
while time.time() < deadline and not closed:
    time.sleep(0.1)
client.loop_stop()
sys.exit(0 if closed else 1)
