def load(path):
    try:
        config = load_config(path)
    except Exception:
        config = DEFAULT_CONFIG
    return config


def load_bare(path):
    try:
        return load_config(path)
    except:
        return None
