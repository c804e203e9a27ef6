# PyInstaller run-time hook replacing PyInstaller's own for PySide6, whose only costly step imports QtCore (all
# of Qt and ICU) at start-up to write a qt.conf that PyPI's PySide6 writes itself when first imported. Without
# it `dslapp --version` and the command line start without loading Qt. This sets the plugin path as that hook did.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
