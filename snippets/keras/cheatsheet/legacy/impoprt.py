"""The old cheatsheet misspelled `import`: Python rejects the line before running anything."""

# --8<-- [start:old]
old_line = "from keras.applications.vgg16 impoprt VGG16"
try:
    compile(old_line, "<cheatsheet>", "exec")  # parse it without running it
except SyntaxError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
from keras.applications import VGG16, VGG19, InceptionV3, ResNet50

print(VGG16.__name__, VGG19.__name__, ResNet50.__name__, InceptionV3.__name__)
# --8<-- [end:new]
