"""Solutions to the exercises on the Scaling out page."""

# --8<-- [start:ex1]
import json
import os

import tensorflow as tf

hosts = [f"trainer-{i}.example.com:2222" for i in range(3)]
tf_config = {
    "cluster": {"worker": hosts},
    "task": {"type": "worker", "index": 1},
}
os.environ["TF_CONFIG"] = json.dumps(tf_config)

resolver = tf.distribute.cluster_resolver.TFConfigClusterResolver()
cluster = resolver.cluster_spec()
print("workers:", cluster.num_tasks("worker"))
print(
    "this process:",
    resolver.task_type,
    resolver.task_id,
    "at",
    cluster.task_address(resolver.task_type, resolver.task_id),
)
del os.environ["TF_CONFIG"]
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tensorflow as tf

default = tf.distribute.get_strategy()
print(
    "outside any scope:",
    type(default).__name__,
    default.num_replicas_in_sync,
    "replica",
)

one_device = tf.distribute.OneDeviceStrategy("/cpu:0")
with one_device.scope():
    print(
        "inside a scope, get_strategy() is that strategy:",
        tf.distribute.get_strategy() is one_device,
    )
    weight = tf.Variable(1.0)
print("the variable made in it is on:", weight.device)
# --8<-- [end:ex2]
