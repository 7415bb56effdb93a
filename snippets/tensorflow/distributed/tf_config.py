"""TF_CONFIG: how each worker learns the cluster and its own place in it."""

# --8<-- [start:resolve]
import json
import os

import tensorflow as tf

tf_config = {
    "cluster": {
        "worker": ["trainer-0.example.com:2222", "trainer-1.example.com:2222"]
    },
    "task": {"type": "worker", "index": 0},
}
os.environ["TF_CONFIG"] = json.dumps(tf_config)  # (1)!

resolver = tf.distribute.cluster_resolver.TFConfigClusterResolver()  # (2)!
cluster = resolver.cluster_spec()
print("jobs:", cluster.jobs)
print("workers:", cluster.num_tasks("worker"))
print("this process:", resolver.task_type, resolver.task_id)
print(
    "its address:", cluster.task_address(resolver.task_type, resolver.task_id)
)

del os.environ["TF_CONFIG"]  # (3)!
# --8<-- [end:resolve]
