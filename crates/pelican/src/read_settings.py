# Folio's reader of a Pelican blog's settings (crates/pelican/src/settings.rs runs it).
#
# argv[1] is the blog's pelicanconf.py; the working folder is the blog's. The config runs
# the way Pelican runs it: through pelican.settings.read_settings when Pelican is
# importable (so its defaults are merged), else as a module with the blog folder on
# sys.path. One JSON object goes to the original standard output; everything the config
# itself prints goes to standard error.
import sys


def main():
    import json
    import os

    conf = os.path.abspath(sys.argv[1])
    blog = os.path.realpath(os.path.dirname(conf))
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    if blog not in sys.path:
        sys.path.insert(0, blog)

    reply = {
        "python": sys.version.split()[0],
        "pelican": None,
        "pelican_missing": None,
        "pelican_module": None,
    }
    try:
        import pelican
        import pelican.settings

        reply["pelican"] = str(getattr(pelican, "__version__", "unknown"))
        reply["pelican_module"] = os.path.realpath(pelican.settings.__file__)
    except Exception as e:  # Pelican missing or broken: the config still runs
        pelican = None
        reply["pelican_missing"] = "%s: %s" % (type(e).__name__, e)

    installed = [
        os.path.realpath(p)
        for p in {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix}
    ]
    opened = []
    watching = [False]

    def audit(event, args):
        if watching[0] and event == "open" and args and isinstance(args[0], (str, bytes)):
            opened.append(args[0])

    sys.addaudithook(audit)
    before = set(sys.modules)
    watching[0] = True
    try:
        if pelican is not None:
            settings = pelican.settings.read_settings(conf)
        else:
            settings = run_as_module(conf)
    except BaseException as e:  # the config's own error, whatever it is
        watching[0] = False
        reply["error"] = describe_error(e, blog)
        json.dump(reply, out, ensure_ascii=True)
        out.flush()
        return
    if pelican is not None:
        reply["plugins"] = plugin_registry(settings)
    else:
        reply["plugins"] = {"unknown": "Pelican could not be imported (%s)" % reply["pelican_missing"]}
    watching[0] = False

    def local(path):
        real = os.path.realpath(path)
        return (
            real.startswith(blog + os.sep)
            and not any(real.startswith(p + os.sep) for p in installed)
            and "__pycache__" not in real.split(os.sep)
        )

    modules = set()
    for name in set(sys.modules) - before:
        path = getattr(sys.modules.get(name), "__file__", None)
        if isinstance(path, str) and local(path) and os.path.realpath(path) != os.path.realpath(conf):
            modules.add(os.path.realpath(path))
    read = set()
    for path in opened:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        path = os.path.abspath(path)
        real = os.path.realpath(path)
        if local(path) and os.path.isfile(real) and real != os.path.realpath(conf) and real not in modules:
            read.add(real)

    reply["settings"] = {k: plain(v, 0) for k, v in settings.items() if str(k).isupper()}
    reply["imported"] = sorted(modules)
    reply["read"] = sorted(read)
    json.dump(reply, out, ensure_ascii=True)
    out.flush()


def plugin_registry(settings):
    """Loads the blog's plugins the way Pelican does (its `Pelican` object loads `PLUGINS`
    from `PLUGIN_PATHS` or the namespace plugins, calls each one's `register()` and sends
    `initialized`; `Readers` sends `readers_init`) and lists the docutils directives and
    roles they added to docutils' registries, and those they replaced."""
    import copy
    import logging

    try:
        import pelican.readers
        from docutils.parsers.rst import directives, roles
    except BaseException as e:
        return {"unknown": "Pelican's reader could not be imported (%s: %s)" % (type(e).__name__, safe_str(e))}

    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            try:
                messages.append(record.getMessage())
            except Exception:
                messages.append(safe_str(record.msg))

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("pelican")
    logger.addHandler(handler)
    before_directives = dict(directives._directives)
    before_roles = dict(roles._roles)
    loaded = []
    try:
        site = pelican.Pelican(copy.copy(settings))
        loaded = [str(p) for p in site.settings.get("PLUGINS") or []]
        pelican.readers.Readers(site.settings)
    except BaseException as e:  # a plugin's own failure: the settings still hold
        messages.append("%s: %s" % (type(e).__name__, safe_str(e)))
    finally:
        logger.removeHandler(handler)

    def added(before, after):
        return sorted(str(k) for k in after if k not in before)

    def replaced(before, after):
        return sorted(str(k) for k in after if k in before and after[k] is not before[k])

    return {
        "loaded": loaded,
        "directives": added(before_directives, directives._directives),
        "roles": added(before_roles, roles._roles),
        "replaced_directives": replaced(before_directives, directives._directives),
        "replaced_roles": replaced(before_roles, roles._roles),
        "errors": messages,
    }


def run_as_module(conf):
    import importlib.util
    import os

    name = os.path.splitext(os.path.basename(conf))[0]
    spec = importlib.util.spec_from_file_location(name, conf)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return {k: v for k, v in vars(module).items() if k.isupper()}


def describe_error(e, blog):
    import os
    import traceback

    frames = traceback.extract_tb(e.__traceback__)
    where = None
    for frame in frames:
        if os.path.realpath(frame.filename).startswith(blog + os.sep):
            where = (frame.filename, frame.lineno)
    if isinstance(e, SyntaxError) and e.filename:
        where = (e.filename, e.lineno)
    if where is None and frames:
        where = (frames[-1].filename, frames[-1].lineno)
    lines = traceback.format_exception_only(type(e), e)
    return {
        "type": type(e).__name__,
        "message": safe_str(e),
        "summary": lines[-1].strip() if lines else type(e).__name__,
        "file": where[0] if where else None,
        "line": where[1] if where else None,
        "traceback": "".join(traceback.format_exception(type(e), e, e.__traceback__)),
    }


def safe_str(value):
    try:
        return str(value)
    except Exception:
        return "<%s that cannot be shown>" % type(value).__name__


def plain(value, depth):
    """The value as JSON can hold it; anything else becomes its str()."""
    import math

    if depth > 40:
        return safe_str(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else safe_str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else safe_str(k)): plain(v, depth + 1) for k, v in value.items()}
    return safe_str(value)


main()
