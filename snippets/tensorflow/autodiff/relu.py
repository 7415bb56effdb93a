"""What TensorFlow does where an activation function has no derivative."""

# --8<-- [start:relu]
import tensorflow as tf

z = tf.constant([-1.0, 0.0, 1.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(z)
    relu = tf.nn.relu(z)
    step = tf.cast(z > 0, tf.float32)  # (1)!
print("z              :", z.numpy())
print("ReLU gradient  :", tape.gradient(relu, z).numpy())
print("step gradient  :", tape.gradient(step, z))
# --8<-- [end:relu]
