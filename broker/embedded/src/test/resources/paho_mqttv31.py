"""The client our users run today: paho-mqtt pinned to MQTT 3.1, watching $SYS and one lab topic.

Usage: /usr/bin/python3 paho_mqttv31.py PORT
Prints every message as "topic payload"; exits 0 once it has seen the broker version, the uptime and its own
message on lab/py, 1 if that takes longer than 20 seconds.
"""
import sys
import time

import paho.mqtt.client as mqtt

port = int(sys.argv[1])
seen = set()


def on_connect(client, userdata, flags, rc):
    print("connected rc=%d" % rc, flush=True)
    client.subscribe("$SYS/#")
    client.subscribe("lab/py", qos=1)
    client.publish("lab/py", "from-mqttv31", qos=1)


def on_message(client, userdata, message):
    print(message.topic, message.payload.decode("utf-8", "replace"), flush=True)
    seen.add(message.topic)


client = mqtt.Client(client_id="paho-v31", protocol=mqtt.MQTTv31)
client.on_connect = on_connect
client.on_message = on_message
client.connect("127.0.0.1", port, 60)
client.loop_start()
deadline = time.time() + 20
wanted = {"$SYS/broker/version", "$SYS/broker/uptime", "lab/py"}
while time.time() < deadline and not wanted <= seen:
    time.sleep(0.1)
client.disconnect()
client.loop_stop()
sys.exit(0 if wanted <= seen else 1)
