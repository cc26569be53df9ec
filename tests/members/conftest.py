from tests.recognition.conftest import *  # noqa: F403
