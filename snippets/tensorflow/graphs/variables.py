"""Creating tf.Variables inside a tf.function: what fails and what works."""

# --8<-- [start:fails]
import tensorflow as tf


@tf.function
def scale(x):
    w = tf.Variable(2.0)  # a new variable on every call?
    return w * x


try:
    scale(tf.constant(3.0))
except ValueError as err:
    print(str(err).strip().splitlines()[-1].strip())  # (1)!
# --8<-- [end:fails]

# --8<-- [start:module]
import tensorflow as tf


class Scale(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = None

    @tf.function
    def __call__(self, x):
        if self.w is None:  # only while the first call is traced
            self.w = tf.Variable(2.0)
        return self.w * x


scale = Scale()
print(scale(tf.constant(3.0)).numpy(), scale(tf.constant([1.0, 2.0])).numpy())
print("variables:", len(scale.variables))
# --8<-- [end:module]

# --8<-- [start:outside]
import tensorflow as tf

w = tf.Variable(2.0)  # created once, outside


@tf.function
def scale(x):
    return w * x  # the graph reads the variable's current value


print(scale(tf.constant(3.0)).numpy())
w.assign(10.0)
print(
    scale(tf.constant(3.0)).numpy(),
    "traces:",
    scale.experimental_get_tracing_count(),
)
# --8<-- [end:outside]
